package org.ntk4j.examples;

import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.erf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.InputShape;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.Layers;
import org.ntk4j.layers.finite.FiniteNetwork;
import org.ntk4j.layers.finite.GradientDescent;
import org.ntk4j.layers.finite.Params;
import org.ntk4j.symmetry.parameter.DenseChain;
import org.ntk4j.symmetry.parameter.KernelDrift;

/**
 * Lazy versus rich training (where the kernel regime ends): erf networks with 3 hidden layers of
 * width 128 ({@code ntk} parameterisation, no bias) on the planted teacher of
 * {@link SymmetryToSymmetry} with inputs scaled to {@code E‖x‖² = 1}, initialised at α = 1 and
 * α = 0.05 and trained by full-batch gradient descent (η = 4) until the training loss is 1 % of its
 * initial value (α = 1: a few hundred steps; α = 0.05: a long plateau first). Reported: the empirical NTK's drift {@code ‖Θ_t − Θ₀‖/‖Θ₀‖} on train and test inputs, the
 * distance {@code ‖f_net − f_NTK‖/‖f_net‖} of the test predictions from the infinite-width NTK
 * prediction at the same α (the network's own f₀, the discrete-time factor {@code (I − ηΘ/n)^s}), and
 * the test MSE of both; then the drift at α = 1 for widths 64, 128, 256 after 150 steps each.
 *
 * <pre>bin/ntk4j-example LazyVersusRich [--max-steps 30000] [--out results/parameter-symmetry]</pre>
 */
public final class LazyVersusRich {
    static final int DEPTH = 3;
    static final double ETA = 4.0;
    /** Inputs of the planted teacher times 1/√8: E‖x‖² = 1 (the NTK convention; targets scale along). */
    static final double INPUT_SCALE = 1 / Math.sqrt(8);
    /** Training stops when the training loss is below this fraction of its initial value (or at the step cap). */
    static final double TARGET = 0.01;
    /** Steps of the width sweep at α = 1 (the same for every width: width 128 reaches 1 % in 150). */
    static final int WIDTH_STEPS = 150;

    private LazyVersusRich() {
    }

    /** One trained network and its distance from the kernel regime. */
    record Result(int width, double alpha, int steps, double drift, double driftToCurrent, double distance,
            double netTestMse, double ntkTestMse, double trainLossRatio) {
    }

    static Layer network(int width) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < DEPTH; l++) {
            layers.add(dense(width));
            layers.add(erf());
        }
        layers.add(dense(3));
        return Layers.serial(layers);
    }

    /** Trains until the training loss is below {@link #TARGET} of its initial value, checked every 50 steps, at most {@code maxSteps}. */
    static Result run(int width, double alpha, int maxSteps, long seed) {
        return run(width, alpha, maxSteps, TARGET, seed);
    }

    /** As above with the stopping fraction {@code target} (0: exactly {@code maxSteps} steps). */
    static Result run(int width, double alpha, int maxSteps, double target, long seed) {
        PlantedTeacher data = SymmetryToSymmetry.teacher().scaled(INPUT_SCALE);
        FiniteNetwork net = FiniteNetwork.of(network(width), new InputShape(new int[0], 8));
        DenseChain chain = DenseChain.of(net);
        Params p0 = net.init(new SplittableRandom(seed), alpha);
        GradientDescent gd = GradientDescent.of(net, data.xTrain(), data.yTrain()).learningRate(ETA);
        double l0 = gd.loss(p0);
        Params pt = p0;
        int steps = 0;
        while (steps < maxSteps && gd.loss(pt) > target * l0) {
            int chunk = Math.min(50, maxSteps - steps);
            pt = gd.train(pt, chunk);
            steps += chunk;
        }
        INDArray all = Nd4j.concat(0, data.xTrain(), data.xTest());
        KernelDrift.Drift drift = KernelDrift.drift(net, p0, pt, all);
        double[] fNet = net.apply(pt, data.xTest()).dup('c').data().asDouble();
        double[] fNtk = KernelDrift.ntkPrediction(chain, alpha, p0, data.xTrain(), data.yTrain(), data.xTest(), ETA, steps);
        double[] y = data.yTest().dup('c').data().asDouble();
        return new Result(width, alpha, steps, drift.relativeToInitial(), drift.relativeToCurrent(),
                KernelDrift.distance(fNet, fNtk), KernelDrift.mse(fNet, y), KernelDrift.mse(fNtk, y),
                gd.loss(pt) / l0);
    }

    static void print(Result r) {
        System.out.printf(Locale.ROOT, "width %4d α = %.2f, %d steps: NTK drift %.3g (%.3g of Θ_t), ‖f − f_NTK‖/‖f‖ = %.3f, "
                + "test MSE net %.4g vs NTK %.4g, train loss %.2g of initial%n", r.width(), r.alpha(), r.steps(), r.drift(),
                r.driftToCurrent(), r.distance(), r.netTestMse(), r.ntkTestMse(), r.trainLossRatio());
    }

    public static void main(String[] argv) throws IOException {
        Args args = new Args(argv);
        int steps = args.integer("max-steps", 30000);
        long seed = args.seed("seed", 1);
        Path out = args.path("out", "results/parameter-symmetry");
        Files.createDirectories(out);
        print(run(128, 1.0, steps, seed));
        print(run(128, 0.05, steps, seed));
        int[] widths = {64, 128, 256};
        double[] w = new double[widths.length];
        double[] d = new double[widths.length];
        double[] dist = new double[widths.length];
        for (int i = 0; i < widths.length; i++) {
            Result r = run(widths[i], 1.0, WIDTH_STEPS, 0, seed);
            print(r);
            w[i] = widths[i];
            d[i] = r.drift();
            dist[i] = r.distance();
        }
        double[] ref = new double[widths.length];
        for (int i = 0; i < widths.length; i++) {
            ref[i] = d[0] * Math.sqrt(w[0] / w[i]);
        }
        new LinePlot("Lazy regime at α = 1: NTK drift and distance from the NTK prediction", "width", "relative distance",
                true, true)
                .add(new LinePlot.Series("‖Θ_t − Θ₀‖/‖Θ₀‖", w, d, null, false))
                .add(new LinePlot.Series("‖f − f_NTK‖/‖f‖ (test)", w, dist, null, false))
                .add(new LinePlot.Series("∝ 1/√width", w, ref, null, true))
                .write(out.resolve("lazy_versus_rich_width.png"));
        System.out.println("wrote " + out.resolve("lazy_versus_rich_width.png"));
    }
}

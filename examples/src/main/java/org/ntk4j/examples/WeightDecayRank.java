package org.ntk4j.examples;

import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.layers.Parameterization;
import org.ntk4j.layers.finite.FiniteNetwork;
import org.ntk4j.layers.finite.GradientDescent;
import org.ntk4j.layers.finite.Params;
import org.ntk4j.symmetry.parameter.DenseChain;
import org.ntk4j.symmetry.parameter.SymmetryMeter;

/**
 * Weight decay limits complexity (Ziyin et al., Fig. 3 middle): ReLU networks in {@code standard}
 * parameterisation ({@code W ~ N(0, 2/fan_in)}, no bias) with two hidden layers of width h ∈ {12, 24,
 * 48, 96} learn the identity on R^12 by full-batch gradient descent, with and without weight decay.
 * Weight decay pulls the network towards the symmetric (low-rank) states of the double rotation and
 * rescaling symmetries: the rank of the second layer's h × h weights stays at the task's complexity
 * (13 measured: 12 plus one) however wide the layer; without it the initial noise keeps the weights
 * at nearly full rank. η = 0.2, λ = 0.01, 5,000 steps, 96 training points.
 *
 * <pre>bin/ntk4j-example WeightDecayRank [--steps 5000] [--out results/parameter-symmetry]</pre>
 */
public final class WeightDecayRank {
    static final int DIM = 12;
    static final int TRAIN = 96;
    static final double ETA = 0.2;
    /** Weight decay λ: η·λ·steps = 10, so the initial noise decays by e^{−10} where no gradient holds it. */
    static final double DECAY = 0.01;
    /**
     * Rank threshold τ on the second layer's singular values (effective units): in the gap of the
     * weight-decay runs (σ_13 ≈ 0.92, σ_14 ≈ 0.10 at h ≥ 48) and low in the initial noise band (the
     * square N(0, 2/h) matrix's quarter-circle spectrum on [0, 2√2] has ~4 % of its mass below 0.12).
     */
    static final double TAU = 0.12;
    static final int[] WIDTHS = {12, 24, 48, 96};

    private WeightDecayRank() {
    }

    record Result(int width, double decay, int steps, int rank, double lossRatio, double[] singular) {
    }

    static INDArray inputs(long seed) {
        Ntk4j.init();
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[TRAIN * DIM];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        return Nd4j.create(d, new long[] {TRAIN, DIM}, 'c');
    }

    static Result run(int width, double decay, int steps, long seed) {
        FiniteNetwork net = FiniteNetwork.of(serial(dense(width, Math.sqrt(2), null, Parameterization.STANDARD), relu(),
                dense(width, Math.sqrt(2), null, Parameterization.STANDARD), relu(),
                dense(DIM, 1.0, null, Parameterization.STANDARD)), new InputShape(new int[0], DIM));
        DenseChain chain = DenseChain.of(net);
        INDArray x = inputs(2026);
        GradientDescent gd = GradientDescent.of(net, x, x).learningRate(ETA).weightDecay(decay);
        Params p0 = net.init(new SplittableRandom(seed));
        Params pt = gd.train(p0, steps);
        int rank = SymmetryMeter.of(1, TAU).weightRank(chain, pt, 1);
        double[] sv = org.ntk4j.symmetry.parameter.Spectra.singularValues(
                chain.weights(pt, 1, org.ntk4j.symmetry.parameter.Units.EFFECTIVE), width, width);
        return new Result(width, decay, steps, rank, gd.loss(pt) / gd.loss(p0), sv);
    }

    public static void main(String[] argv) throws IOException {
        Args args = new Args(argv);
        int steps = args.integer("steps", 5000);
        long seed = args.seed("seed", 1);
        Path out = args.path("out", "results/parameter-symmetry");
        Files.createDirectories(out);
        double[] w = new double[WIDTHS.length];
        double[][] ranks = new double[2][WIDTHS.length];
        for (int i = 0; i < WIDTHS.length; i++) {
            w[i] = WIDTHS[i];
            for (int k = 0; k < 2; k++) {
                long start = System.nanoTime();
                Result r = run(WIDTHS[i], k == 0 ? DECAY : 0, steps, seed);
                ranks[k][i] = r.rank();
                System.out.printf(Locale.ROOT, "h = %3d, weight decay %.0e: rank(W_2) = %3d (τ = %.2f), loss %.3g of initial, "
                        + "σ_1 %.3f, σ_13 %.3f, σ_14 %.3g, %.1f s%n", r.width(), r.decay(), r.rank(), TAU, r.lossRatio(),
                        r.singular()[0], r.width() > 12 ? r.singular()[12] : 0, r.width() > 13 ? r.singular()[13] : 0,
                        (System.nanoTime() - start) / 1e9);

            }
        }
        new LinePlot("Weight decay limits complexity: ReLU, 2 hidden layers, identity on R^12", "width h",
                "rank of the second layer", true, true)
                .add(new LinePlot.Series(String.format(Locale.ROOT, "weight decay %.0e", DECAY), w, ranks[0], null, false))
                .add(new LinePlot.Series("no weight decay", w, ranks[1], null, false))
                .add(new LinePlot.Series("h", w, w, null, true))
                .write(out.resolve("weight_decay_rank.png"));
        System.out.println("wrote " + out.resolve("weight_decay_rank.png"));
    }
}

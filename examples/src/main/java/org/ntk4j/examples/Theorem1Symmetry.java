package org.ntk4j.examples;

import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.erf;
import static org.ntk4j.layers.Layers.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ntk4j.core.InputShape;
import org.ntk4j.layers.finite.FiniteNetwork;
import org.ntk4j.layers.finite.GradientDescent;
import org.ntk4j.layers.finite.Params;
import org.ntk4j.symmetry.parameter.DenseChain;
import org.ntk4j.symmetry.parameter.ParameterProjection;
import org.ntk4j.symmetry.parameter.ParameterSymmetries;
import org.ntk4j.symmetry.parameter.Units;

/**
 * Theorem 1 of Ziyin et al. on the planted teacher of {@link SymmetryToSymmetry}: at a G-symmetric
 * state the gradient is G-symmetric, so gradient descent never leaves it. (a) A duplicated neuron pair
 * (neuron 5 of hidden layer 1 a copy of neuron 3) stays duplicated; (b) a fully symmetric
 * initialisation (every hidden layer's neurons replaced by their mean) has an empirical NTK of rank at
 * most {@code d − rank(I − P_G)} (well below N·K) and gets stuck far above the loss a random
 * initialisation reaches.
 *
 * <pre>bin/ntk4j-example Theorem1Symmetry [--steps 3000] [--out results/parameter-symmetry]</pre>
 */
public final class Theorem1Symmetry {
    private Theorem1Symmetry() {
    }

    public static void main(String[] argv) throws IOException {
        Args args = new Args(argv);
        int steps = args.integer("steps", 3000);
        Path out = args.path("out", "results/parameter-symmetry");
        Files.createDirectories(out);
        PlantedTeacher data = SymmetryToSymmetry.teacher();
        FiniteNetwork net = FiniteNetwork.of(serial(dense(16, 1.0, 0.1), erf(), dense(16, 1.0, 0.1), erf(), dense(3)),
                new InputShape(new int[0], 8));
        DenseChain chain = DenseChain.of(net);
        Params random = net.init(new SplittableRandom(1));
        Params pair = ParameterSymmetries.transposition(chain, 1, 3, 5).apply(random);
        ParameterProjection all = ParameterSymmetries.composed(random, ParameterSymmetries.layerPermutation(chain, 0),
                ParameterSymmetries.layerPermutation(chain, 1));
        Params symmetric = all.apply(random);
        long bound = ParameterSymmetries.ntkRankBound(symmetric, all);
        int n = (int) data.xTrain().size(0);
        System.out.printf(Locale.ROOT, "parameters d = %d, codimension of full symmetry = %d, Theorem 1 bound = %d, N·K = %d%n",
                random.count(), all.codimension(), bound, n * 3);
        System.out.printf(Locale.ROOT, "empirical NTK rank (J·Jᵀ, 1e-10 relative): random %d, duplicated pair %d, fully symmetric %d%n",
                ParameterSymmetries.ntkRank(chain, random, data.xTrain(), 1e-10),
                ParameterSymmetries.ntkRank(chain, pair, data.xTrain(), 1e-10),
                ParameterSymmetries.ntkRank(chain, symmetric, data.xTrain(), 1e-10));
        GradientDescent gd = GradientDescent.of(net, data.xTrain(), data.yTrain()).learningRate(0.5);
        int every = Math.max(1, steps / 100);
        double[] x = new double[steps / every + 1];
        double[][] loss = new double[3][x.length];
        double[] delta = new double[x.length];
        Params[] p = {random, pair, symmetric};
        for (int i = 0; i < x.length; i++) {
            x[i] = i * every;
            for (int k = 0; k < 3; k++) {
                loss[k][i] = gd.loss(p[k]);
            }
            delta[i] = ParameterSymmetries.pairDistance(chain, p[1], 1, 3, 5, Units.EFFECTIVE);
            if (i + 1 < x.length) {
                for (int k = 0; k < 3; k++) {
                    p[k] = gd.train(p[k], every);
                }
            }
        }
        System.out.printf(Locale.ROOT, "after %d steps: loss random %.4g, duplicated pair %.4g, fully symmetric %.4g%n",
                steps, loss[0][x.length - 1], loss[1][x.length - 1], loss[2][x.length - 1]);
        System.out.printf(Locale.ROOT, "duplicated pair: Δ_35 = %.3g (max over the run %.3g); full symmetry: Δ_G/‖θ‖ = %.3g%n",
                delta[x.length - 1], java.util.Arrays.stream(delta).max().orElse(0), all.relativeDistance(p[2]));
        new LinePlot("Theorem 1: symmetric states are kept by gradient descent", "step", "training loss", false, true)
                .add(new LinePlot.Series("random init", x, loss[0], null, true))
                .add(new LinePlot.Series("neuron 5 = neuron 3 (hidden 1)", x, loss[1], null, true))
                .add(new LinePlot.Series("fully symmetric (all neurons equal)", x, loss[2], null, true))
                .write(out.resolve("theorem1_loss.png"));
        System.out.println("wrote " + out.resolve("theorem1_loss.png"));
    }
}

package org.ntk4j.symmetry.ensemble;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.flatten;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Gram;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.predict.Predictor;
import org.ntk4j.core.predict.Regime;
import org.ntk4j.layers.finite.FiniteNetwork;
import org.ntk4j.layers.finite.GradientDescent;
import org.ntk4j.layers.finite.Params;
import org.ntk4j.symmetry.Groups;

/**
 * Finite-width ensembles trained by gradient descent converge to the NTK mean, at a small scale
 * (4×4 Ising lattice, 8 samples augmented by C4 to 32, total-energy labels, a one-hidden-layer ReLU
 * MLP, 8 antithetic pairs of {@link FiniteNetwork#antithetic}, 60 steps at η = N/‖Θ‖_∞ (stable: ηλ_max/N ≤ 1),
 * fixed seeds):
 * the ensemble mean's relative RMS distance to the NTK gradient-flow mean at t = 60 (NT's
 * conventions: {@code L = ½·mean}, time s) is at least 3× smaller at width 2048 than at width 16,
 * and below 0.1 at width 2048. A wrong learning-rate or time convention, a parameterisation
 * mismatch between the finite layers and the kernel, or a twin that did not cancel f_0 would break
 * one of the two. The flow and the discrete steps differ by far less than the margins here.
 */
class FiniteEnsembleConvergenceTest {
    private static final int STEPS = 60;
    private static final int PAIRS = 8;

    private static double error(int width, INDArray x, INDArray y, INDArray test, double eta, double[] ntkMean) {
        FiniteNetwork net = FiniteNetwork.of(serial(flatten(), dense(width, Math.sqrt(2), 0.1), relu(),
                dense(1, Math.sqrt(2), 0.1)), new InputShape(new int[] {4, 4}, 1));
        GradientDescent gd = GradientDescent.of(net, x, y).learningRate(eta);
        SplittableRandom master = new SplittableRandom(100 + width);
        double[] mean = new double[ntkMean.length];
        for (int q = 0; q < PAIRS; q++) {
            Params p = net.init(master.split());
            for (Params member : new Params[] {p, net.antithetic(p)}) {
                double[] f = net.apply(gd.train(member, STEPS), test).dup('c').data().asDouble();
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += f[i] / (2 * PAIRS);
                }
            }
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < mean.length; i++) {
            num += (mean[i] - ntkMean[i]) * (mean[i] - ntkMean[i]);
            den += ntkMean[i] * ntkMean[i];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void wideEnsemblesApproachTheNtkMean() {
        INDArray spins = Ising.spins(8, 4, new SplittableRandom(1));
        AugmentedData aug = AugmentedData.of(spins, Ising.totalEnergy(spins), Groups.c4(), LabelAction.invariant());
        INDArray test = Nd4j.concat(0, Ising.spins(8, 4, new SplittableRandom(2)),
                Ising.gaussian(8, 4, new SplittableRandom(3)));
        Gram gram = Gram.of(serial(flatten(), dense(1, Math.sqrt(2), 0.1), relu(), dense(1, Math.sqrt(2), 0.1)));
        Kernel trainTrain = gram.compute(aug.x());
        Kernel testTrain = gram.compute(test, aug.x());
        double[] theta = trainTrain.ntk().dup('c').data().asDouble();
        int n = aug.size();
        double rowSum = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += Math.abs(theta[i * n + j]);
            }
            rowSum = Math.max(rowSum, s);
        }
        double eta = n / rowSum;
        double[] ntkMean = Predictor.of(trainTrain, aug.y()).learningRate(eta).on(Regime.NTK, testTrain).mean(STEPS)
                .dup('c').data().asDouble();
        double narrow = error(16, aug.x(), aug.y(), test, eta, ntkMean);
        double wide = error(2048, aug.x(), aug.y(), test, eta, ntkMean);
        System.out.printf("finite ensembles vs NTK mean: width 16 %.4f, width 2048 %.4f%n", narrow, wide);
        assertTrue(wide < 0.1, "width 2048: relative distance " + wide);
        assertTrue(narrow > 3 * wide, "width 16: " + narrow + " vs width 2048: " + wide);
    }
}

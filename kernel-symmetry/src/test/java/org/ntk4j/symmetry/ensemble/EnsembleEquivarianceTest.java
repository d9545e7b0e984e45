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
import org.ntk4j.core.predict.Regime;
import org.ntk4j.layers.Layer;
import org.ntk4j.symmetry.Groups;

/**
 * Seed 001's theorem on a tiny Ising problem (4×4 periodic lattice, 8 samples augmented by C4 to
 * 32, one-hidden-layer ReLU MLP kernel): the infinite ensemble's mean and covariance are
 * equivariant at t = 0, 1, 10, ∞ to 1e-10 on in- and out-of-distribution inputs, for per-site
 * (local energy) and invariant (total energy) targets; without augmentation they are visibly not.
 */
class EnsembleEquivarianceTest {
    private static final double[] TIMES = {0, 1, 10, Double.POSITIVE_INFINITY};
    private static final Layer MLP = serial(flatten(), dense(512, 1.5, 0.1), relu(), dense(1, 1.5, 0.1));
    private static final INDArray SPINS = Ising.spins(8, 4, new SplittableRandom(1));
    private static final INDArray TEST = Nd4j.concat(0, Ising.spins(4, 4, new SplittableRandom(2)),
            Ising.gaussian(4, 4, new SplittableRandom(3)));

    private static OrbitPrediction predict(boolean augmented, boolean local, Regime regime) {
        INDArray y = local ? Ising.localEnergy(SPINS) : Ising.totalEnergy(SPINS);
        LabelAction rho = local ? LabelAction.perSite() : LabelAction.invariant();
        AugmentedData aug = AugmentedData.of(SPINS, y, Groups.c4(), rho);
        INDArray xTrain = augmented ? aug.x() : SPINS;
        INDArray yTrain = augmented ? aug.y() : y;
        // η = y_train.size makes NT's scaled time s = η·t/n equal to t
        return OrbitPredictor.of(MLP, regime, xTrain, yTrain).learningRate(yTrain.length())
                .on(TEST, aug.elements(), rho, true);
    }

    @Test
    void augmentedNtkEnsembleIsEquivariantForLocalEnergies() {
        OrbitPrediction p = predict(true, true, Regime.NTK);
        assertTrue(p.meanDeviation(TIMES) <= 1e-10, "mean " + p.meanDeviation(TIMES));
        assertTrue(p.covarianceDeviation(TIMES) <= 1e-10, "covariance " + p.covarianceDeviation(TIMES));
    }

    @Test
    void augmentedNngpEnsembleIsInvariantForTotalEnergy() {
        OrbitPrediction p = predict(true, false, Regime.NNGP);
        assertTrue(p.meanDeviation(TIMES) <= 1e-10, "mean " + p.meanDeviation(TIMES));
        assertTrue(p.covarianceDeviation(TIMES) <= 1e-10, "covariance " + p.covarianceDeviation(TIMES));
        for (double t : TIMES) {
            assertTrue(OrbitStatistics.max(p.relativeOrbitStd(t, 0)) <= 1e-10, "orbit std at t = " + t);
        }
    }

    @Test
    void withoutAugmentationTheEnsembleIsVisiblyNotEquivariant() {
        OrbitPrediction p = predict(false, true, Regime.NTK);
        for (double t : new double[] {1, 10, Double.POSITIVE_INFINITY}) {
            assertTrue(p.meanDeviation(t) > 1e-2, "mean at t = " + t + ": " + p.meanDeviation(t));
        }
        assertTrue(p.covarianceDeviation(Double.POSITIVE_INFINITY) > 1e-3, "covariance "
                + p.covarianceDeviation(Double.POSITIVE_INFINITY));
        assertTrue(p.meanDeviation(0) == 0 && p.covarianceDeviation(0) <= 1e-12, "t = 0 is the invariant prior");
    }
}

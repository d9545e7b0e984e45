package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.predict.Classification;
import org.ntk4j.core.predict.Gaussian;
import org.ntk4j.core.predict.KernelPredictor;
import org.ntk4j.core.predict.Predictor;
import org.ntk4j.core.predict.Regime;
import org.ntk4j.testkit.Seeded;

/** {@link KernelPredictor} on a real network equals {@link Predictor} on Grams computed by hand. */
class KernelPredictorTest {
    private final KernelFunction net = serial(dense(512, 1.4, 0.1), relu(), dense(1, 1.4, 0.1));
    private final INDArray xTrain = Seeded.gaussian(1, 12, 5);
    private final INDArray xTest = Seeded.gaussian(2, 7, 5);
    private final INDArray yTrain = Classification.oneHot(Seeded.gaussian(3, 12).gt(0).castTo(
            org.nd4j.linalg.api.buffer.DataType.DOUBLE), 2);

    @Test
    void ntkPredictionEqualsPredictorOnHandMadeGrams() {
        Gaussian got = KernelPredictor.of(Gram.of(net).threads(1)).learningRate(0.5).diagReg(1e-3)
                .predict(Regime.NTK, 30.0, true, xTrain, yTrain, xTest);
        Kernel dd = net.kernel(xTrain);
        Kernel td = net.kernel(xTest, xTrain);
        Gaussian expected = Predictor.of(dd, yTrain).learningRate(0.5).diagReg(1e-3)
                .gaussian(Regime.NTK, 30.0, td, net.kernel(xTest).nngp());
        assertEquals(expected.mean(), got.mean());
        assertEquals(expected.covariance(), got.covariance());
    }

    @Test
    void nngpPredictionNeedsNoNtkAndNoCovarianceUnlessAsked() {
        Gaussian got = KernelPredictor.of(Gram.of(net).nngpOnly()).predict(Regime.NNGP,
                Double.POSITIVE_INFINITY, false, xTrain, yTrain, xTest);
        assertNull(got.covariance());
        INDArray expected = Predictor.of(net.kernel(xTrain), yTrain).mean(Regime.NNGP, Double.POSITIVE_INFINITY,
                net.kernel(xTest, xTrain));
        assertTrue(expected.equalsWithEps(got.mean(), 1e-12));
    }

    @Test
    void ntkRegimeWithAnNngpOnlyGramOrMismatchedLabelsIsRejected() {
        KernelPredictor nngpOnly = KernelPredictor.of(Gram.of(net).nngpOnly());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> nngpOnly.predict(Regime.NTK, 1, false, xTrain, yTrain, xTest));
        assertTrue(e.getMessage().contains("NNGP-only"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KernelPredictor.of(net)
                .predict(Regime.NNGP, 1, false, xTrain, yTrain.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5)),
                        xTest));
        assertTrue(e.getMessage().contains("label count 5"), e.getMessage());
    }
}

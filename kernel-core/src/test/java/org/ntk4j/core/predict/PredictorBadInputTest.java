package org.ntk4j.core.predict;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Kernel;

class PredictorBadInputTest {
    private final ToyKernels toy = new ToyKernels(5, 3, 2, 7);
    private final Predictor predictor = Predictor.of(toy.trainTrain(), toy.y);

    @Test
    void labelCountDifferentFromTrainingRowsIsRejected() {
        assertMessage(() -> Predictor.of(toy.trainTrain(), Nd4j.zeros(4, 2)), "label count 4", "5 training points");
    }

    @Test
    void nonSquareGramIsRejected() {
        INDArray rect = Nd4j.rand(5, 4);
        assertMessage(() -> Predictor.of(rect, null, toy.y), "must be square", "(5, 4)");
    }

    @Test
    void nonSymmetricGramIsRejectedWithTheEntries() {
        INDArray k = toy.trainTrain().ntk().dup();
        k.putScalar(1, 3, k.getDouble(1, 3) * (1 + 1e-8));
        assertMessage(() -> Predictor.of(toy.trainTrain().nngp(), k, toy.y), "train-train NTK Gram is not symmetric",
                "(1, 3)");
    }

    @Test
    void asymmetryWithinTheRelativeToleranceIsAccepted() {
        INDArray k = toy.trainTrain().ntk().dup();
        k.putScalar(1, 3, k.getDouble(1, 3) * (1 + 1e-12));
        Predictor nearlySymmetric = assertDoesNotThrow(() -> Predictor.of(toy.trainTrain().nngp(), k, toy.y),
                "a 1e-12 relative asymmetry is within the tolerance");
        // ... and it predicts what the symmetric Gram predicts, to round-off.
        PredictorTest.assertClose(predictor.mean(Regime.NTK, 1, toy.testTrain()),
                nearlySymmetric.mean(Regime.NTK, 1, toy.testTrain()), 1e-10);
    }

    @Test
    void singularGramAtInfiniteTimeSuggestsDiagReg() {
        INDArray ones = Nd4j.ones(5, 5);
        Predictor p = Predictor.of(ones, null, toy.y);
        Kernel td = new Kernel(Nd4j.ones(3, 5), null);
        assertMessage(() -> p.mean(Regime.NNGP, Double.POSITIVE_INFINITY, td), "NNGP Gram is singular", "diagReg");
        p.diagReg(1e-3).mean(Regime.NNGP, Double.POSITIVE_INFINITY, td);
        p.mean(Regime.NNGP, 2.0, td);
    }

    @Test
    void negativeOrNanTimeIsRejected() {
        assertMessage(() -> predictor.mean(Regime.NTK, -1, toy.testTrain()), "t must be ≥ 0", "-1.0");
        assertMessage(() -> predictor.mean(Regime.NNGP, Double.NaN, toy.testTrain()), "t must be ≥ 0", "NaN");
    }

    @Test
    void nanInAGramOrLabelsIsRejected() {
        INDArray k = toy.trainTrain().nngp().dup();
        k.putScalar(2, 2, Double.NaN);
        assertMessage(() -> Predictor.of(k, null, toy.y), "non-finite value (NaN)", "(2, 2)");
        INDArray y = toy.y.dup();
        y.putScalar(0, 1, Double.NaN);
        assertMessage(() -> Predictor.of(toy.trainTrain(), y), "labels", "NaN");
        INDArray td = toy.testTrain().ntk().dup();
        td.putScalar(0, 0, Double.POSITIVE_INFINITY);
        assertMessage(() -> predictor.mean(Regime.NTK, 1, new Kernel(toy.testTrain().nngp(), td)), "test-train NTK",
                "Infinity");
    }

    @Test
    void testTrainKernelWithWrongColumnsIsRejected() {
        assertMessage(() -> predictor.mean(Regime.NNGP, 1, new Kernel(Nd4j.rand(3, 4), null)), "(M, 5)", "(3, 4)");
    }

    @Test
    void ntkRegimeWithoutNtkIsRejected() {
        Predictor nngpOnly = Predictor.of(new Kernel(toy.trainTrain().nngp(), null), toy.y);
        assertMessage(() -> nngpOnly.mean(Regime.NTK, 1, toy.testTrain()), "needs the train-train NTK");
        assertMessage(() -> predictor.mean(Regime.NTK, 1, new Kernel(toy.testTrain().nngp(), null)),
                "test-train NTK", "missing");
    }

    @Test
    void badLearningRateOrDiagRegIsRejected() {
        assertMessage(() -> predictor.learningRate(0), "learning rate must be positive");
        assertMessage(() -> predictor.diagReg(-1e-3), "diagReg must be finite and ≥ 0");
    }

    @Test
    void covarianceWithoutTestTestKernelIsAnError() {
        Prediction p = predictor.on(Regime.NTK, toy.testTrain());
        assertThrows(IllegalStateException.class, () -> p.covariance(1.0));
        assertMessage(() -> predictor.on(Regime.NNGP, toy.testTrain(), Nd4j.eye(2)), "test-test NNGP", "(3, 3)");
    }

    static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }
}

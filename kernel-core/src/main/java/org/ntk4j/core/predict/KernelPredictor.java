package org.ntk4j.core.predict;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;

/**
 * Predictions straight from a kernel function and raw inputs: computes the Grams a
 * {@link Predictor} needs with {@link Gram} (NNGP-only wherever the NTK is not needed) and
 * hands back the {@link Prediction}, so one call serves many training times. This is the method
 * a command line calls:
 *
 * <pre>{@code
 * Gaussian g = KernelPredictor.of(Gram.of(net).threads(2).withConsoleProgress())
 *         .learningRate(1).diagReg(1e-4)
 *         .predict(Regime.NTK, Double.POSITIVE_INFINITY, true, xTrain, yTrain, xTest);
 * }</pre>
 *
 * Grams computed: {@code G(X, X)} and {@code G(x, X)} for the regime (with the NTK, the NNGP comes
 * with it), and, for the covariance, {@code K(x, x)} NNGP-only. Immutable.
 */
public final class KernelPredictor {
    private final Gram gram;
    private final double learningRate;
    private final double diagReg;

    private KernelPredictor(Gram gram, double learningRate, double diagReg) {
        this.gram = gram;
        this.learningRate = learningRate;
        this.diagReg = diagReg;
    }

    /** Uses {@code gram}'s threads, tile size and progress listener for every Gram; η = 1, diagReg = 0. */
    public static KernelPredictor of(Gram gram) {
        if (gram == null) {
            throw new IllegalArgumentException("gram is null");
        }
        return new KernelPredictor(gram, 1.0, 0.0);
    }

    /** As {@link #of(Gram)} with {@code Gram.of(function)}: all cores, no progress output. */
    public static KernelPredictor of(KernelFunction function) {
        return of(Gram.of(function));
    }

    /** The learning rate η; see {@link Predictor#learningRate}. */
    public KernelPredictor learningRate(double eta) {
        Predictor.checkLearningRate(eta);
        return new KernelPredictor(gram, eta, diagReg);
    }

    /** Relative diagonal regularisation; see {@link Predictor#diagReg}. */
    public KernelPredictor diagReg(double lambda) {
        Predictor.checkDiagReg(lambda);
        return new KernelPredictor(gram, learningRate, lambda);
    }

    /**
     * Computes the Grams and returns the test-set prediction, evaluable at any t.
     *
     * @param covariance whether to compute {@code K(x, x)} for {@link Prediction#covariance}
     * @param xTrain training inputs (N, ...)
     * @param yTrain training labels (N, k) or (N)
     * @param xTest test inputs (M, ...) with the per-input shape of {@code xTrain}
     * @throws IllegalArgumentException for bad shapes or labels, or an NTK regime with an
     *     NNGP-only {@code gram}
     */
    public Prediction fit(Regime regime, boolean covariance, INDArray xTrain, INDArray yTrain, INDArray xTest) {
        if (regime == null) {
            throw new IllegalArgumentException("regime is null: expected NNGP or NTK");
        }
        boolean ntk = regime == Regime.NTK;
        if (ntk && !gram.computesNtk()) {
            throw new IllegalArgumentException("NTK prediction needs the NTK, but the Gram builder is NNGP-only");
        }
        if (xTrain == null || yTrain == null) {
            throw new IllegalArgumentException(xTrain == null ? "xTrain is null" : "yTrain is null");
        }
        if (yTrain.rank() == 0 || yTrain.size(0) != xTrain.size(0)) {
            throw new IllegalArgumentException("label count " + (yTrain.rank() == 0 ? 0 : yTrain.size(0))
                    + " differs from the " + xTrain.size(0) + " training inputs");
        }
        Gram dynamics = ntk ? gram : gram.nngpOnly();
        Kernel trainTrain = dynamics.compute(xTrain);
        Kernel testTrain = dynamics.compute(xTest, xTrain);
        INDArray testTest = covariance ? gram.nngpOnly().compute(xTest).nngp() : null;
        Predictor predictor = Predictor.of(trainTrain, yTrain).learningRate(learningRate).diagReg(diagReg);
        return predictor.on(regime, testTrain, testTest);
    }

    /** {@link #fit} then {@link Prediction#gaussian} at one time t ≥ 0 (+∞ for the end of training). */
    public Gaussian predict(Regime regime, double t, boolean covariance, INDArray xTrain, INDArray yTrain,
            INDArray xTest) {
        Prediction.checkTime(t);
        return fit(regime, covariance, xTrain, yTrain, xTest).gaussian(t);
    }
}

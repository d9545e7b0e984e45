package org.ntk4j.core.predict;

import java.util.EnumMap;
import java.util.Map;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Kernel;

/**
 * Predictions of infinite ensembles of infinite-width networks trained by gradient flow on the
 * MSE loss, with neural-tangents' {@code predict.gradient_descent_mse_ensemble} conventions.
 *
 * <p>Notation: training inputs X (N of them), labels Y (N, k), learning rate η, training time t,
 * test inputs x (M of them); K = NNGP, Θ = NTK; {@code K_dd = K(X, X)}, {@code K_td = K(x, X)},
 * {@code K_tt = K(x, x)}, likewise Θ. {@code G} is the Gram of the regime's dynamics (K for
 * {@link Regime#NNGP}, Θ for {@link Regime#NTK}), regularised as
 * {@code G_reg = G_dd + diagReg·mean(diag G_dd)·I}. The time is scaled as in NT,
 * {@code s = η·t/n} with {@code n = y_train.size = N·k}, since NT averages the loss over all N·k
 * targets; seed 001 (Gerken &amp; Kessel) writes {@code e^{−ηΘt}} for the summed loss, the same
 * curve with its t equal to NT's t/n. With {@code Φ(s) = G_reg⁻¹(I − e^{−G_reg·s})}
 * (Φ(0) = 0, Φ(∞) = G_reg⁻¹):
 *
 * <pre>
 *   mean        μ_t = G_td · Φ(s) · Y
 *   NNGP cov    Σ_t = K_tt − K_td · Φ(2s) · K_dt                      (t = ∞: GP posterior)
 *   NTK  cov    Σ_t = K_tt + Θ_td Φ(s) K_dd Φ(s) Θ_dt − (Θ_td Φ(s) K_dt + K_td Φ(s) Θ_dt)
 * </pre>
 *
 * where {@code K_dd}, {@code K_td} in the NTK covariance are the unregularised NNGP (the
 * ensemble's covariance at initialisation). The covariance is shared by all k outputs.
 *
 * <p>G_reg is eigendecomposed once per regime (LAPACK {@code dsyevd}, symmetric), on first use, and reused for all
 * times and test sets; no inverse is formed. A {@link Prediction} further caches the projections
 * of one test set, so many times cost O(M·N·(k + M)) each.
 *
 * <p>Immutable and thread-safe; {@link #learningRate} and {@link #diagReg} return new predictors.
 */
public final class Predictor {
    private final DMatrixRMaj nngpTrain;
    private final DMatrixRMaj ntkTrain;
    private final DMatrixRMaj yTrain;
    private final double learningRate;
    private final double diagReg;
    private final Map<Regime, GramSpectrum> spectra = new EnumMap<>(Regime.class);

    private Predictor(DMatrixRMaj nngpTrain, DMatrixRMaj ntkTrain, DMatrixRMaj yTrain, double learningRate,
            double diagReg) {
        this.nngpTrain = nngpTrain;
        this.ntkTrain = ntkTrain;
        this.yTrain = yTrain;
        this.learningRate = learningRate;
        this.diagReg = diagReg;
    }

    /**
     * A predictor from the train-train kernels (NNGP always; NTK may be null for NNGP-only use)
     * and the labels {@code yTrain}, (N, k) or (N) for one output; η = 1, diagReg = 0.
     *
     * @throws IllegalArgumentException if a Gram is not square, not symmetric (1e-10 relative) or
     *     not finite, or the label count differs from the Gram's N
     */
    public static Predictor of(Kernel trainTrain, INDArray yTrain) {
        if (trainTrain == null) {
            throw new IllegalArgumentException("train-train kernel is null");
        }
        return of(trainTrain.nngp(), trainTrain.ntk(), yTrain);
    }

    /** As {@link #of(Kernel, INDArray)} from the two Grams; {@code ntkTrainTrain} may be null. */
    public static Predictor of(INDArray nngpTrainTrain, INDArray ntkTrainTrain, INDArray yTrain) {
        DMatrixRMaj nngp = checkedGram(nngpTrainTrain, "train-train NNGP");
        DMatrixRMaj ntk = ntkTrainTrain == null ? null : checkedGram(ntkTrainTrain, "train-train NTK");
        if (ntk != null && ntk.numRows != nngp.numRows) {
            throw new IllegalArgumentException("train-train NTK is " + ntk.numRows + " × " + ntk.numCols
                    + " but the NNGP is " + nngp.numRows + " × " + nngp.numCols);
        }
        DMatrixRMaj y = labels(yTrain);
        if (y.numRows != nngp.numRows) {
            throw new IllegalArgumentException("label count " + y.numRows + " differs from the " + nngp.numRows
                    + " training points of the train-train Gram");
        }
        return new Predictor(nngp, ntk, y, 1.0, 0.0);
    }

    private static DMatrixRMaj checkedGram(INDArray gram, String name) {
        DMatrixRMaj g = Matrices.toEjml(gram, name + " Gram");
        GramSpectrum.checkSquareSymmetric(g, name);
        return g;
    }

    private static DMatrixRMaj labels(INDArray y) {
        if (y != null && y.rank() == 1) {
            y = y.reshape(y.length(), 1);
        }
        DMatrixRMaj m = Matrices.toEjml(y, "training labels yTrain");
        if (m.numRows == 0 || m.numCols == 0) {
            throw new IllegalArgumentException("training labels yTrain are empty: (" + m.numRows + ", " + m.numCols
                    + ")");
        }
        return m;
    }

    /** The learning rate η (positive, finite); a new predictor. */
    public Predictor learningRate(double eta) {
        checkLearningRate(eta);
        return new Predictor(nngpTrain, ntkTrain, yTrain, eta, diagReg);
    }

    /**
     * Diagonal regularisation: {@code lambda·mean(diag G)} is added to the diagonal of the
     * train-train Gram of the dynamics (NT's {@code diag_reg}, relative scale); a new predictor.
     */
    public Predictor diagReg(double lambda) {
        checkDiagReg(lambda);
        return new Predictor(nngpTrain, ntkTrain, yTrain, learningRate, lambda);
    }

    static void checkLearningRate(double eta) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + eta);
        }
    }

    static void checkDiagReg(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("diagReg must be finite and ≥ 0, got " + lambda);
        }
    }

    /** The learning rate η. */
    public double learningRate() {
        return learningRate;
    }

    /** The relative diagonal regularisation λ. */
    public double diagReg() {
        return diagReg;
    }

    /** Number of training points N. */
    public int trainSize() {
        return yTrain.numRows;
    }

    /** Number of outputs k per point. */
    public int outputs() {
        return yTrain.numCols;
    }

    /** {@code η/n} with {@code n = N·k}: the scaled time is {@code s = t·timeScale()}. */
    public double timeScale() {
        return learningRate / ((double) yTrain.numRows * yTrain.numCols);
    }

    /**
     * The prediction on a test set, projected once into the eigenbasis so that
     * {@link Prediction#mean(double)} and {@link Prediction#covariance(double)} are cheap for many t.
     *
     * @param testTrain {@code (M, N)} test-train kernels: the regime's kernel for the mean; for the
     *     NTK covariance also the NNGP
     * @param nngpTestTest {@code K_tt} (M, M) for the covariance, or null for the mean only
     * @throws IllegalArgumentException on wrong shapes, non-finite values or a missing kernel
     */
    public Prediction on(Regime regime, Kernel testTrain, INDArray nngpTestTest) {
        if (regime == null) {
            throw new IllegalArgumentException("regime is null: expected NNGP or NTK");
        }
        if (testTrain == null) {
            throw new IllegalArgumentException("test-train kernel is null");
        }
        boolean ntk = regime == Regime.NTK;
        boolean cov = nngpTestTest != null;
        if (ntk && ntkTrain == null) {
            throw new IllegalArgumentException("NTK prediction needs the train-train NTK, but this predictor was "
                    + "built from the NNGP only");
        }
        INDArray gTd = ntk ? testTrain.ntk() : testTrain.nngp();
        if (gTd == null) {
            throw new IllegalArgumentException(regime.label() + " prediction needs the test-train "
                    + regime.label().toUpperCase(Locale.ROOT) + ", which is missing");
        }
        DMatrixRMaj gramTd = testTrainMatrix(gTd, "test-train " + regime.label().toUpperCase(Locale.ROOT));
        int m = gramTd.numRows;
        DMatrixRMaj kTt = null;
        DMatrixRMaj kTd = null;
        if (cov) {
            kTt = Matrices.toEjml(nngpTestTest, "test-test NNGP");
            Matrices.requireShape(kTt, m, m, "test-test NNGP", "for " + m + " test points");
            GramSpectrum.checkSquareSymmetric(kTt, "test-test NNGP");
            if (ntk) {
                if (testTrain.nngp() == null) {
                    throw new IllegalArgumentException("the NTK covariance needs the test-train NNGP as well");
                }
                kTd = testTrainMatrix(testTrain.nngp(), "test-train NNGP");
                Matrices.requireShape(kTd, m, trainSize(), "test-train NNGP", "like the test-train NTK");
            }
        }
        return new Prediction(regime, spectrum(regime), timeScale(), gramTd, yTrain, kTt, kTd,
                ntk && cov ? nngpTrain : null);
    }

    /** The mean only; see {@link #on}. */
    public Prediction on(Regime regime, Kernel testTrain) {
        return on(regime, testTrain, null);
    }

    /** {@code μ_t} (M, k) at time t ≥ 0 (+∞ allowed); see the class comment. */
    public INDArray mean(Regime regime, double t, Kernel testTrain) {
        return on(regime, testTrain, null).mean(t);
    }

    /** {@code μ_t} and {@code Σ_t} at time t ≥ 0 (+∞ allowed); see the class comment. */
    public Gaussian gaussian(Regime regime, double t, Kernel testTrain, INDArray nngpTestTest) {
        if (nngpTestTest == null) {
            throw new IllegalArgumentException("the covariance needs the test-test NNGP K_tt, which is null");
        }
        return on(regime, testTrain, nngpTestTest).gaussian(t);
    }

    private DMatrixRMaj testTrainMatrix(INDArray a, String name) {
        DMatrixRMaj m = Matrices.toEjml(a, name);
        if (m.numCols != trainSize()) {
            throw new IllegalArgumentException(name + " must be (M, " + trainSize() + ") with one column per "
                    + "training point, got (" + m.numRows + ", " + m.numCols + ")");
        }
        return m;
    }

    /** The eigendecomposition of the regime's regularised train-train Gram, computed on first use. */
    synchronized GramSpectrum spectrum(Regime regime) {
        return spectra.computeIfAbsent(regime, r -> GramSpectrum.of(r == Regime.NTK ? ntkTrain : nngpTrain, diagReg,
                "train-train " + r.label().toUpperCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Predictor[N=%d, k=%d, %s, η=%g, diagReg=%g]", trainSize(), outputs(),
                ntkTrain == null ? "nngp" : "nngp+ntk", learningRate, diagReg);
    }
}

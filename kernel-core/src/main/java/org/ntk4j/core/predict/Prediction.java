package org.ntk4j.core.predict;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One test set's prediction under one {@link Regime}, with the test-train kernels projected once
 * into the eigenbasis {@code G_reg = V diag(λ) Vᵀ} of the train-train Gram; then, for any t,
 * with {@code F = diag(φ(λ_i, s))}, {@code s = η·t/n} (see {@link Predictor}):
 *
 * <pre>
 *   A = G_td V,   μ_t = A F (Vᵀ Y)
 *   NNGP:  Σ_t = K_tt − A F₂ Aᵀ                     with F₂ = diag(φ(λ_i, 2s))
 *   NTK:   Σ_t = K_tt + (A F) D (A F)ᵀ − (A F) Cᵀ − C (A F)ᵀ,   C = K_td V,  D = Vᵀ K_dd V
 * </pre>
 *
 * These are neural-tangents' einsum expressions in {@code gradient_descent_mse_ensemble}, with
 * the eigenvector products grouped. The covariance is symmetrised, {@code (Σ + Σᵀ)/2}, against
 * round-off. Made by {@link Predictor#on}.
 */
public final class Prediction {
    private final Regime regime;
    private final GramSpectrum spectrum;
    private final double timeScale;
    private final DMatrixRMaj projected;
    private final DMatrixRMaj labels;
    private final DMatrixRMaj nngpTestTest;
    private final DMatrixRMaj nngpTestTrainProjected;
    private final DMatrixRMaj nngpTrainProjected;

    Prediction(Regime regime, GramSpectrum spectrum, double timeScale, DMatrixRMaj gramTestTrain, DMatrixRMaj yTrain,
            DMatrixRMaj nngpTestTest, DMatrixRMaj nngpTestTrain, DMatrixRMaj nngpTrain) {
        this.regime = regime;
        this.spectrum = spectrum;
        this.timeScale = timeScale;
        this.projected = spectrum.project(gramTestTrain);
        this.labels = spectrum.projectColumns(yTrain);
        this.nngpTestTest = nngpTestTest;
        this.nngpTestTrainProjected = nngpTestTrain == null ? null : spectrum.project(nngpTestTrain);
        this.nngpTrainProjected = nngpTrain == null ? null : spectrum.projectColumns(spectrum.project(nngpTrain));
    }

    /** The regime whose dynamics this prediction follows. */
    public Regime regime() {
        return regime;
    }

    /** Number of test points M. */
    public int testSize() {
        return projected.numRows;
    }

    /** Whether {@link #covariance} is available (a test-test NNGP was given). */
    public boolean hasCovariance() {
        return nngpTestTest != null;
    }

    /**
     * The mean {@code μ_t = G_td Φ(s) Y}, (M, k); t = 0 gives 0, t = ∞ gives {@code G_td G_reg⁻¹ Y}.
     *
     * @throws IllegalArgumentException for negative or NaN t, or t = ∞ with a singular Gram
     */
    public INDArray mean(double t) {
        DMatrixRMaj mean = new DMatrixRMaj(projected.numRows, labels.numCols);
        CommonOps_DDRM.mult(Matrices.scaleColumns(projected, fitted(t, 1)), labels, mean);
        return Matrices.toNd4j(mean);
    }

    /**
     * The covariance {@code Σ_t}, (M, M), shared by all outputs; t = 0 gives the prior
     * {@code K_tt}. See the class comment for the formulas.
     *
     * @throws IllegalStateException if no test-test NNGP was given
     * @throws IllegalArgumentException for negative or NaN t, or t = ∞ with a singular Gram
     */
    public INDArray covariance(double t) {
        if (nngpTestTest == null) {
            throw new IllegalStateException("no covariance: this prediction was made without the test-test NNGP");
        }
        DMatrixRMaj cov = nngpTestTest.copy();
        if (regime == Regime.NNGP) {
            DMatrixRMaj scaled = Matrices.scaleColumns(projected, fitted(t, 2));
            CommonOps_DDRM.multAddTransB(-1.0, scaled, projected, cov);
        } else {
            DMatrixRMaj scaled = Matrices.scaleColumns(projected, fitted(t, 1));
            DMatrixRMaj scaledD = new DMatrixRMaj(scaled.numRows, scaled.numCols);
            CommonOps_DDRM.mult(scaled, nngpTrainProjected, scaledD);
            CommonOps_DDRM.multAddTransB(scaledD, scaled, cov);
            CommonOps_DDRM.multAddTransB(-1.0, scaled, nngpTestTrainProjected, cov);
            CommonOps_DDRM.multAddTransB(-1.0, nngpTestTrainProjected, scaled, cov);
        }
        Matrices.symmetrize(cov);
        return Matrices.toNd4j(cov);
    }

    /** Mean and covariance at t (the covariance null when no test-test NNGP was given). */
    public Gaussian gaussian(double t) {
        return new Gaussian(mean(t), hasCovariance() ? covariance(t) : null);
    }

    /** Requires t ≥ 0 or +∞ (not NaN). */
    static void checkTime(double t) {
        if (Double.isNaN(t) || t < 0) {
            throw new IllegalArgumentException("training time t must be ≥ 0 (or +∞), got " + t);
        }
    }

    /** {@code φ(λ_i, factor·η·t/n)}, after checking t. */
    private double[] fitted(double t, int factor) {
        checkTime(t);
        if (t == Double.POSITIVE_INFINITY) {
            spectrum.requireInvertible();
        }
        return TrainingFlow.fitted(spectrum.values(), factor * timeScale * t);
    }
}

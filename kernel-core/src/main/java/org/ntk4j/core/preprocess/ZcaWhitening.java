package org.ntk4j.core.preprocess;

import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ZCA whitening of flattened examples. Fitted on a training batch X (N, D) (each example flattened,
 * channels-last): with the feature mean μ and covariance {@code C = (X−μ)ᵀ(X−μ)/N = V diag(λ) Vᵀ},
 *
 * <pre>  W = V diag(1/√(λ_i + ε·mean(λ))) Vᵀ,    x ↦ (x − μ) W  </pre>
 *
 * with ε the relative regularisation (as in Lee et al. 2020's {@code zca_strength}). With ε = 0
 * and N &gt; D the whitened training covariance is the identity; ε &gt; 0 damps directions of
 * small variance. Output has the input's shape. Uses an EJML symmetric eigendecomposition of the
 * D × D covariance.
 */
public final class ZcaWhitening {
    private final double[] mean;
    private final DMatrixRMaj whitening;
    private final long[] exampleShape;

    private ZcaWhitening(double[] mean, DMatrixRMaj whitening, long[] exampleShape) {
        this.mean = mean;
        this.whitening = whitening;
        this.exampleShape = exampleShape;
    }

    /**
     * Fits μ and W on {@code train} (N, ...).
     *
     * @param regularization ε ≥ 0, relative to the mean eigenvalue
     * @throws IllegalArgumentException if ε &lt; 0, or ε = 0 and the covariance is singular
     */
    public static ZcaWhitening fit(INDArray train, double regularization) {
        if (!(regularization >= 0) || !Double.isFinite(regularization)) {
            throw new IllegalArgumentException("ZCA regularization must be finite and ≥ 0, got " + regularization);
        }
        Features f = Features.of(train, "training batch");
        int n = f.rows();
        int d = f.width();
        DMatrixRMaj x = new DMatrixRMaj(n, d, true, f.data());
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x.unsafe_get(i, j) / n;
            }
        }
        center(x, mean);
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(1.0 / n, x, x, cov);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(cov)) {
            throw new IllegalArgumentException("the eigendecomposition of the " + d + " × " + d
                    + " feature covariance failed");
        }
        double meanEig = CommonOps_DDRM.trace(cov) / d;
        DMatrixRMaj scaled = new DMatrixRMaj(d, d);
        DMatrixRMaj vectors = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            double lambda = Math.max(eig.getEigenvalue(i).getReal(), 0.0) + regularization * meanEig;
            if (!(lambda > d * Math.ulp(1.0) * meanEig)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the feature covariance is singular "
                        + "(eigenvalue %.3g; %d examples, %d features): use a regularization > 0, e.g. 0.1",
                        lambda, n, d));
            }
            DMatrixRMaj v = eig.getEigenVector(i);
            for (int r = 0; r < d; r++) {
                vectors.unsafe_set(r, i, v.get(r, 0));
                scaled.unsafe_set(r, i, v.get(r, 0) / Math.sqrt(lambda));
            }
        }
        DMatrixRMaj w = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(scaled, vectors, w);
        return new ZcaWhitening(mean, w, f.exampleShape());
    }

    /** {@code (x − μ) W} for every example of {@code x}, whose examples must have the training shape. */
    public INDArray apply(INDArray x) {
        Features f = Features.of(x, "batch");
        f.requireExampleShape(exampleShape, "ZCA whitening");
        DMatrixRMaj m = new DMatrixRMaj(f.rows(), f.width(), true, f.data());
        center(m, mean);
        DMatrixRMaj out = new DMatrixRMaj(f.rows(), f.width());
        CommonOps_DDRM.mult(m, whitening, out);
        return new Features(out.data, f.shape()).toNd4j();
    }

    private static void center(DMatrixRMaj x, double[] mean) {
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numCols; j++) {
                x.unsafe_set(i, j, x.unsafe_get(i, j) - mean[j]);
            }
        }
    }
}

package org.ntk4j.symmetry;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The squared distance between two learners (Xiao &amp; Pennington, Appendix E, eq. S15):
 * <pre>  S-Dist(A1, A2) = E_{x ~ X} |A1(D)(x) − A2(D)(x)|²  </pre>
 * estimated on M test points as the mean over the points of the squared Euclidean norm of the
 * difference of the two output vectors: {@code 1/M Σ_i Σ_k (a[i,k] − b[i,k])²}. The norm sums over
 * the k outputs (classes) and is not divided by k; for stochastic learners pass mean predictions
 * (eq. S16). A learner that is exactly G-invariant gives S-Dist(A^τ1, A^τ2) = 0 for τ1, τ2 ∈ G.
 */
public final class SDist {
    private SDist() {
    }

    /**
     * S-Dist of two predictions on the same test points, each (M, k) or (M) for one output.
     *
     * @throws IllegalArgumentException when the shapes differ or a prediction is empty
     */
    public static double of(INDArray a, INDArray b) {
        if (a == null || b == null || !Arrays.equals(a.shape(), b.shape()) || a.length() == 0 || a.rank() == 0) {
            throw new IllegalArgumentException("S-Dist needs two predictions of the same non-empty shape (M, k), got "
                    + (a == null ? "null" : Arrays.toString(a.shape())) + " and "
                    + (b == null ? "null" : Arrays.toString(b.shape())));
        }
        INDArray d = a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE));
        return d.mul(d).sumNumber().doubleValue() / a.size(0);
    }
}

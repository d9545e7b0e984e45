package org.ntk4j.core.predict;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output distribution of an infinite ensemble on a test set: {@code mean} (M, k), one column
 * per output, and {@code covariance} (M, M) shared by every output (the kernels are
 * {@code K ⊗ I_k}); {@code covariance} is null when it was not asked for.
 */
public record Gaussian(INDArray mean, INDArray covariance) {
    @Override
    public String toString() {
        return "Gaussian[mean " + Arrays.toString(mean.shape())
                + (covariance == null ? ", no covariance" : ", covariance " + Arrays.toString(covariance.shape())) + "]";
    }
}

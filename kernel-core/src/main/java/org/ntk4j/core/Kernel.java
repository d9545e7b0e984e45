package org.ntk4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of a kernel computation: the NNGP covariance and the NTK between two batches, each
 * of shape {@code (N1, N2)} for a network with a readout, or {@code (N1, N2, spatial...)} /
 * {@code (N1, N2, spatial..., spatial...)} when the output keeps spatial dims (diagonal / full
 * storage, positions of x before those of x'). {@code ntk} is null when only the NNGP was asked for.
 */
public record Kernel(INDArray nngp, INDArray ntk) {
    @Override
    public String toString() {
        return "Kernel[nngp " + java.util.Arrays.toString(nngp.shape()) + (ntk == null ? ", no ntk" : ", ntk") + "]";
    }
}

package org.ntk4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of a kernel computation: the NNGP covariance and the NTK between two batches, each
 * of shape {@code (N1, N2)} for a network with a readout, or {@code (N1, N2, spatial...)} /
 * {@code (N1, N2, spatial..., spatial...)} when the output keeps spatial dims (diagonal / full
 * storage, positions of x before those of x'). {@code ntk} is null when only the NNGP was asked for.
 *
 * <p>The arrays live off the Java heap (a 10,000 × 10,000 Gram is 800 MB per kernel), where the
 * garbage collector frees them only when it happens to collect the arrays. A program that builds
 * Grams one after another should {@link #close()} each when done (try-with-resources), so that the
 * next one reuses the memory instead of taking fresh pages.
 */
public record Kernel(INDArray nngp, INDArray ntk) implements AutoCloseable {
    /**
     * Frees both arrays' memory now; the arrays must not be used afterwards. Arrays that do not own
     * their memory (views) are left to the garbage collector. Closing twice is harmless.
     */
    @Override
    public void close() {
        release(nngp);
        release(ntk);
    }

    private static void release(INDArray a) {
        if (a != null && !a.wasClosed() && a.closeable()) {
            a.close();
        }
    }

    @Override
    public String toString() {
        return "Kernel[nngp " + java.util.Arrays.toString(nngp.shape()) + (ntk == null ? ", no ntk" : ", ntk") + "]";
    }
}

package org.ntk4j.core;

/**
 * A kernel whose pairs are scalars at every layer (fully connected networks, or networks that
 * flatten their input first), evaluated a whole block of pairs at a time: the input covariances
 * of the block come from one matrix product (see {@link InputGram}), and every layer then runs
 * elementwise over the block, with the inputs' variance chains laid out per entry.
 */
public interface TileKernel {
    /** The largest block, in rows and in columns, that {@link #evaluate} takes. */
    int maxBlock();

    /** A fresh per-thread workspace for {@link #evaluate}. */
    Workspace newWorkspace();

    /**
     * NNGP (and NTK when {@code ntk != null}) of the pairs {@code (iFrom + r, jFrom + c)} for
     * {@code r < rows}, {@code c < cols}, from their input covariances
     * {@code k0[k0Offset + r·k0Stride + c]} (the block starts at {@code k0Offset}); writes {@code out[r·cols + c]}.
     */
    void evaluate(double[] k0, int k0Stride, int k0Offset, int rows, int cols, double[][] chains1, int iFrom,
            double[][] chains2, int jFrom, Workspace ws, double[] nngp, double[] ntk);

    /**
     * The input covariance {@code K0} of one pair, computed exactly as the network's own pass over a
     * pair computes it (the same loop, so the same bits as the inputs' self passes). Blocks use it
     * for pairs of (nearly) identical inputs, where the matrix product's rounding would differ from
     * the self pass by an ulp and the arc-cosine's singular derivative at angle 0 would magnify it.
     */
    double inputCovariance(double[] x1, double[] x2);
}

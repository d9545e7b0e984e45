package org.ntk4j.layers;

import org.ntk4j.core.ElementwiseRows;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;

/**
 * The bound form of a layer that transforms a pair's kernel entry by entry from the inputs'
 * variances at its own slot of the variance chains (pointwise nonlinearities, LayerNorm): it
 * reserves the slot, records the variances in the pass over (x, x), and transforms the whole kernel
 * at once, or row by row after a fusing step.
 */
final class ChainedRows extends Step implements RowEpilogue {
    /** Transforms rows {@code [from, to)} of a kernel, reading the variances at {@code offset} of the chains. */
    @FunctionalInterface
    interface Transform {
        void rows(KernelState k, int offset, int from, int to);
    }

    private final Transform transform;
    private int offset;

    ChainedRows(KernelShape in, KernelShape out, Transform transform) {
        super(in, out);
        this.transform = transform;
    }

    /** The input must be Gaussian, else a one-line error naming what precedes {@code what}. */
    static void requireGaussian(KernelShape in, String where, String what) {
        if (!in.gaussian()) {
            String after = "Flatten".equals(in.source())
                    ? "it follows Flatten, whose output is not Gaussian; put a Dense layer between them"
                    : "it follows " + in.source() + "; a random affine layer (Dense or Conv) is required first";
            throw new IllegalArgumentException(where + ": the input to " + what + " must be Gaussian, but " + after
                    + " (input shape " + in.activationShape() + ")");
        }
    }

    @Override
    public void fix(boolean fullIn, boolean fullOut, Compilation c) {
        super.fix(fullIn, fullOut, c);
        offset = c.reserveChain(this.in.positions());
    }

    @Override
    public void apply(KernelState k) {
        k.recordVariances(offset);
        transform.rows(k, offset, 0, ElementwiseRows.rows(k));
        k.setShape(this.out);
    }

    @Override
    public void applyRows(KernelState k, int from, int to) {
        transform.rows(k, offset, from, to);
    }
}

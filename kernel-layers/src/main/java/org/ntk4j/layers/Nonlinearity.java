package org.ntk4j.layers;

import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;

/**
 * A pointwise nonlinearity φ. Its kernel maps each entry {@code q12} with the variances
 * {@code q11}, {@code q22} of the two inputs at the same positions to {@code E[φ(u)φ(v)]} and
 * {@code K̇ = E[φ'(u)φ'(v)]}, and {@code ntk' = ntk ⊙ K̇}. The input must be Gaussian (the output of
 * a Dense or Conv layer, possibly pooled); each nonlinearity reserves a slot of the inputs'
 * variance chains for its {@code q11}, {@code q22}.
 */
abstract class Nonlinearity extends SingleLayer {
    /**
     * Transforms rows {@code [from, to)} of the pair's kernel in place (all of a diagonal-storage
     * kernel is row 0), reading the variances at {@code offset} of the chains.
     */
    abstract void transformRows(KernelState k, int offset, int from, int to);

    /** Layer name as in neural-tangents, e.g. {@code Relu}. */
    abstract String name();

    @Override
    final Step step(KernelShape in, String where) {
        if (!in.gaussian()) {
            String after = "Flatten".equals(in.source())
                    ? "it follows Flatten, whose output is not Gaussian; put a Dense layer between them"
                    : "it follows " + in.source() + "; a random affine layer (Dense or Conv) is required first";
            throw new IllegalArgumentException(where + ": the input to a nonlinearity must be Gaussian, but "
                    + after + " (input shape " + in.activationShape() + ")");
        }
        KernelShape out = in.producedBy(name(), false);
        return new Rowwise(in, out);
    }

    /** The bound nonlinearity: the whole kernel at once, or row by row after a fusing step. */
    private final class Rowwise extends Step implements RowEpilogue {
        private int offset;

        Rowwise(KernelShape in, KernelShape out) {
            super(in, out);
        }

        @Override
        public void fix(boolean fullIn, boolean fullOut, Compilation c) {
            super.fix(fullIn, fullOut, c);
            offset = c.reserveChain(this.in.positions());
        }

        @Override
        public void apply(KernelState k) {
            k.recordVariances(offset);
            transformRows(k, offset, 0, org.ntk4j.core.Activations.rows(k));
            k.setShape(this.out);
        }

        @Override
        public void applyRows(KernelState k, int from, int to) {
            transformRows(k, offset, from, to);
        }
    }
}

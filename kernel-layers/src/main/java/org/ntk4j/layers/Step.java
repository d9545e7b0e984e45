package org.ntk4j.layers;

import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;

/**
 * A single-input, single-output layer bound to its input shape: holds the geometry it needs at run
 * time (e.g. convolution taps) and transforms one pair's {@link KernelState} in place.
 */
public abstract class Step {
    /** Input shape (storage fixed by {@link #fix}). */
    protected KernelShape in;
    /** Output shape (storage fixed by {@link #fix}). */
    protected KernelShape out;

    protected Step(KernelShape in, KernelShape out) {
        this.in = in;
        this.out = out;
    }

    /** Whether the input must be held in full storage; by default as the output. */
    public boolean needsFull(boolean fullOut) {
        return fullOut;
    }

    /** Fixes the storage of input and output; subclasses reserve variance chains here. */
    public void fix(boolean fullIn, boolean fullOut, Compilation c) {
        in = in.withFull(fullIn);
        out = out.withFull(fullOut);
        c.needCapacity(in.length());
        c.needCapacity(out.length());
    }

    /** Transforms {@code k} (of shape {@link #in}) and leaves it with shape {@link #out}. */
    public abstract void apply(KernelState k);

    /**
     * Whether this step can hand each finished row of its full-storage output to a
     * {@link RowEpilogue} (the next layer's elementwise transform) while the row is in cache.
     */
    public boolean fusesEpilogue() {
        return false;
    }

    /**
     * {@link #apply} followed by {@code next}, with {@code next} applied row by row as rows are
     * finished; the result must equal {@code apply(k); next.apply(k)} bit for bit. Never called in a
     * recording pass.
     */
    public void applyFused(KernelState k, RowEpilogue next) {
        throw new UnsupportedOperationException(getClass().getName() + " does not fuse");
    }

    public KernelShape in() {
        return in;
    }

    public KernelShape out() {
        return out;
    }
}

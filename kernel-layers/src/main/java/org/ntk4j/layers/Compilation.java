package org.ntk4j.layers;

/** Book-keeping while a network is fixed: variance-chain offsets and the largest buffer. */
public final class Compilation {
    private final boolean fuse;
    private int chainLength;
    private int capacity = 1;

    /** @param fuse whether steps may be fused (see {@link FusedNode}); results are the same either way */
    public Compilation(boolean fuse) {
        this.fuse = fuse;
    }

    /** Whether a convolution and the nonlinearity after it may run as one fused sweep. */
    public boolean fuse() {
        return fuse;
    }

    /** Reserves {@code positions} doubles of each input's variance chain; returns their offset. */
    public int reserveChain(int positions) {
        int off = chainLength;
        chainLength += positions;
        return off;
    }

    /** Notes that some buffer must hold {@code length} doubles. */
    public void needCapacity(int length) {
        capacity = Math.max(capacity, length);
    }

    private String selfPassDiagonal;

    /**
     * Notes that the layer at {@code where} changes only an input's pass with itself (Dropout in
     * train mode): the Gram diagonal must come from that pass, as symmetric builds take it.
     */
    public void needSelfPassDiagonal(String where) {
        if (selfPassDiagonal == null) {
            selfPassDiagonal = where;
        }
    }

    /** The first layer that {@link #needSelfPassDiagonal needs the self pass's diagonal}, or null. */
    public String selfPassDiagonal() {
        return selfPassDiagonal;
    }

    public int chainLength() {
        return chainLength;
    }

    public int capacity() {
        return capacity;
    }
}

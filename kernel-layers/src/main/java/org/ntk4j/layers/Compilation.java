package org.ntk4j.layers;

/** Book-keeping while a network is fixed: variance-chain offsets and the largest buffer. */
public final class Compilation {
    private int chainLength;
    private int capacity = 1;

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

    public int chainLength() {
        return chainLength;
    }

    public int capacity() {
        return capacity;
    }
}

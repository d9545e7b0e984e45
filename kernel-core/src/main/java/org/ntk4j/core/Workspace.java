package org.ntk4j.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-thread scratch for evaluating a compiled network: a pool of {@link KernelState}s of one
 * capacity, handed out to the branches of a pair and taken back at the next pair. After the first
 * pair nothing is allocated.
 */
public final class Workspace {
    private final int capacity;
    private final Precision precision;
    private final List<KernelState> pool = new ArrayList<>();
    private int used;
    private final java.util.Map<Object, Object> extras = new java.util.HashMap<>();

    /** A float64 workspace of states with {@code capacity} entries. */
    public Workspace(int capacity) {
        this(capacity, Precision.FLOAT64);
    }

    /** A workspace of states with {@code capacity} entries in {@code precision}. */
    public Workspace(int capacity, Precision precision) {
        this.capacity = capacity;
        this.precision = precision;
    }

    /** Releases every state; call at the start of a pair. */
    public void reset() {
        used = 0;
    }

    /** A free state (its buffers hold stale data until {@link KernelState#begin} or a copy). */
    public KernelState borrow() {
        if (used == pool.size()) {
            pool.add(KernelState.of(capacity, precision));
        }
        return pool.get(used++);
    }

    /**
     * A per-thread object kept with this workspace under {@code key} (one object per key, so
     * callers must use keys of their own, e.g. their class), made by {@code make} on first use.
     */
    @SuppressWarnings("unchecked")
    public <T> T extra(Object key, java.util.function.Supplier<T> make) {
        Object value = extras.get(key);
        if (value == null) {
            value = make.get();
            extras.put(key, value);
        }
        return (T) value;
    }

    public int capacity() {
        return capacity;
    }

    public Precision precision() {
        return precision;
    }
}

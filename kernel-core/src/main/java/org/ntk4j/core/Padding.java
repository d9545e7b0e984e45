package org.ntk4j.core;

/**
 * Spatial padding of a convolution or pooling window, with the conventions of
 * {@code jax.lax} and neural-tangents.
 *
 * <ul>
 *   <li>{@link #VALID}: no padding; {@code out = floor((n − f) / s) + 1}, requires {@code f ≤ n}.</li>
 *   <li>{@link #SAME}: zero padding; {@code out = ceil(n / s)}, total padding
 *       {@code max((out − 1)·s + f − n, 0)}, of which {@code lo = total / 2} goes before.</li>
 *   <li>{@link #CIRCULAR}: as SAME, but the padding wraps around (periodic boundary).</li>
 * </ul>
 */
public enum Padding {
    VALID, SAME, CIRCULAR;

    /** Output length along one axis of length {@code n} for a window {@code f} and stride {@code s}. */
    public int outSize(int n, int f, int s) {
        if (this == VALID) {
            return n < f ? 0 : (n - f) / s + 1;
        }
        return (n + s - 1) / s;
    }

    /** Padding inserted before the first element along one axis. */
    public int padLo(int n, int f, int s) {
        if (this == VALID) {
            return 0;
        }
        int total = Math.max((outSize(n, f, s) - 1) * s + f - n, 0);
        return total / 2;
    }

    /** Parses "VALID", "SAME" or "CIRCULAR" (any case). */
    public static Padding parse(String name) {
        for (Padding p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown padding '" + name + "'; expected VALID, SAME or CIRCULAR");
    }
}

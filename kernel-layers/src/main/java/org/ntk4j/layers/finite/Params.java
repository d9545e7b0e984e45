package org.ntk4j.layers.finite;

import java.util.Arrays;

/**
 * The parameters of one finite network, as drawn by {@link FiniteNetwork#init}: for every Dense,
 * Conv and ConvLocal layer in network order, its weights and (with a bias) its bias, stored as
 * drawn (N(0, 1) in {@code ntk} parameterisation, scaled in {@code standard}). Treat as read-only.
 */
public final class Params {
    private final double[][][] slots;

    Params(double[][][] slots) {
        this.slots = slots;
    }

    /** Weights ({@code [0]}) and bias ({@code [1]}, absent without bias) of affine layer {@code slot}. */
    double[][] slot(int slot) {
        return slots[slot];
    }

    /** The number of affine layers (slots). */
    int slots() {
        return slots.length;
    }

    /** The number of scalar parameters. */
    public long count() {
        return Arrays.stream(slots).flatMap(Arrays::stream).mapToLong(a -> a.length).sum();
    }

    @Override
    public String toString() {
        return "Params[" + slots.length + " affine layers, " + count() + " parameters]";
    }
}

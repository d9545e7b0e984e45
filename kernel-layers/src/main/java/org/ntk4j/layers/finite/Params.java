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

    /** {@code this + a·other}, slot by slot (same layout); a new Params. */
    Params plus(double a, Params other) {
        double[][][] out = new double[slots.length][][];
        for (int s = 0; s < slots.length; s++) {
            out[s] = new double[slots[s].length][];
            for (int j = 0; j < slots[s].length; j++) {
                double[] x = slots[s][j];
                double[] y = other.slots[s][j];
                double[] z = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    z[i] = x[i] + a * y[i];
                }
                out[s][j] = z;
            }
        }
        return new Params(out);
    }

    /** A copy with the weights and bias of affine layer {@code slot} negated. */
    Params negated(int slot) {
        double[][][] out = slots.clone();
        out[slot] = new double[slots[slot].length][];
        for (int j = 0; j < slots[slot].length; j++) {
            double[] x = slots[slot][j];
            double[] z = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                z[i] = -x[i];
            }
            out[slot][j] = z;
        }
        return new Params(out);
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

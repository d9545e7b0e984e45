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

    /**
     * Parameters from explicit arrays: for every affine layer in network order its weights
     * ({@code [l][0]}) and, with a bias, its bias ({@code [l][1]}), stored units, in the layout of
     * {@link #weights}. Copied; the layout must be a network's (checked when used).
     */
    public static Params of(double[][][] layers) {
        double[][][] out = new double[layers.length][][];
        for (int s = 0; s < layers.length; s++) {
            out[s] = new double[layers[s].length][];
            for (int j = 0; j < layers[s].length; j++) {
                out[s][j] = layers[s][j].clone();
            }
        }
        return new Params(out);
    }

    /** The number of affine layers (Dense, Conv, ConvLocal), in network order. */
    public int affineLayers() {
        return slots.length;
    }

    /**
     * A copy of affine layer {@code layer}'s weights as stored: for Dense with C_in inputs and C_out
     * outputs the row-major (C_in × C_out) matrix {@code W[i, c] = w[i·C_out + c]}; the layer applies
     * {@code s_W·W} (see {@link AffineLayer#scaleW}).
     */
    public double[] weights(int layer) {
        return slots[checkLayer(layer)][0].clone();
    }

    /** A copy of affine layer {@code layer}'s bias as stored, or null without bias; the layer applies {@code s_b·b}. */
    public double[] bias(int layer) {
        double[][] s = slots[checkLayer(layer)];
        return s.length > 1 ? s[1].clone() : null;
    }

    /** A copy with affine layer {@code layer}'s weights and bias replaced (stored units, same sizes). */
    public Params withLayer(int layer, double[] weights, double[] bias) {
        double[][] s = slots[checkLayer(layer)];
        if (weights.length != s[0].length || (bias == null) != (s.length == 1) || bias != null && bias.length != s[1].length) {
            throw new IllegalArgumentException("layer " + layer + " holds " + s[0].length + " weights and "
                    + (s.length > 1 ? s[1].length + " biases" : "no bias") + ", got " + weights.length + " and "
                    + (bias == null ? "none" : bias.length));
        }
        double[][][] out = slots.clone();
        out[layer] = bias == null ? new double[][] {weights.clone()} : new double[][] {weights.clone(), bias.clone()};
        return new Params(out);
    }

    /** {@code a·θ}: every parameter times {@code a} (the initialisation scale α of a small init). */
    public Params scaled(double a) {
        return zeroLike().plus(a, this);
    }

    /** {@code θ + a·other} (same layout). */
    public Params plusScaled(double a, Params other) {
        checkLayout(other);
        return plus(a, other);
    }

    /** All parameters as one vector, layer by layer, weights then bias: the column order of {@link FiniteNetwork#jacobian}. */
    public double[] toArray() {
        double[] flat = new double[Math.toIntExact(count())];
        int at = 0;
        for (double[][] s : slots) {
            for (double[] a : s) {
                System.arraycopy(a, 0, flat, at, a.length);
                at += a.length;
            }
        }
        return flat;
    }

    /** Parameters of this layout holding {@code flat} (as {@link #toArray} lays them out). */
    public Params withArray(double[] flat) {
        if (flat.length != count()) {
            throw new IllegalArgumentException("expected " + count() + " parameters, got " + flat.length);
        }
        double[][][] out = new double[slots.length][][];
        int at = 0;
        for (int s = 0; s < slots.length; s++) {
            out[s] = new double[slots[s].length][];
            for (int j = 0; j < slots[s].length; j++) {
                out[s][j] = java.util.Arrays.copyOfRange(flat, at, at + slots[s][j].length);
                at += slots[s][j].length;
            }
        }
        return new Params(out);
    }

    /** The Euclidean norm of all parameters as stored. */
    public double norm() {
        double s = 0;
        for (double[][] l : slots) {
            for (double[] a : l) {
                for (double v : a) {
                    s += v * v;
                }
            }
        }
        return Math.sqrt(s);
    }

    private Params zeroLike() {
        double[][][] out = new double[slots.length][][];
        for (int s = 0; s < slots.length; s++) {
            out[s] = new double[slots[s].length][];
            for (int j = 0; j < slots[s].length; j++) {
                out[s][j] = new double[slots[s][j].length];
            }
        }
        return new Params(out);
    }

    private int checkLayer(int layer) {
        if (layer < 0 || layer >= slots.length) {
            throw new IllegalArgumentException("affine layer index " + layer + " out of range 0.." + (slots.length - 1));
        }
        return layer;
    }

    private void checkLayout(Params other) {
        boolean same = other.slots.length == slots.length;
        for (int s = 0; same && s < slots.length; s++) {
            same = other.slots[s].length == slots[s].length;
            for (int j = 0; same && j < slots[s].length; j++) {
                same = other.slots[s][j].length == slots[s][j].length;
            }
        }
        if (!same) {
            throw new IllegalArgumentException("parameters of another layout: " + other + " vs " + this);
        }
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

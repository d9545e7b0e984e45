package org.ntk4j.layers.finite;

import org.ntk4j.core.AxisTaps;
import org.ntk4j.core.Padding;

/**
 * A sliding window over all spatial axes at once: for output position {@code o} and window tap
 * {@code t} (both row-major over the axes), the input position {@code index(o, t)} ({@code −1} in
 * zero padding) and the averaging weight (the product of the per-axis {@link AxisTaps} weights).
 * It gives im2col for convolutions and the linear map of average pooling.
 */
final class Taps {
    final int positionsIn;
    final int positionsOut;
    final int taps;
    /** Output spatial dims (empty for pointwise and global taps over vectors/all positions). */
    final int[] spatialOut;
    private final int[] index;
    private final double[] weight;
    /** Every output position reads its own input position with weight 1 (Dense): im2col is the identity. */
    private final boolean identity;

    private Taps(int positionsIn, int positionsOut, int taps, int[] spatialOut, int[] index, double[] weight) {
        this.spatialOut = spatialOut;
        this.positionsIn = positionsIn;
        this.positionsOut = positionsOut;
        this.taps = taps;
        this.index = index;
        this.weight = weight;
        boolean id = positionsIn == positionsOut && taps == 1;
        for (int j = 0; id && j < index.length; j++) {
            id = index[j] == j && weight[j] == 1.0;
        }
        this.identity = id;
    }

    /** The window {@code window} with {@code strides} and {@code padding} over spatial dims {@code spatial}. */
    static Taps of(int[] spatial, int[] window, int[] strides, Padding padding, boolean normalizeEdges) {
        AxisTaps[] axes = new AxisTaps[spatial.length];
        int pin = 1;
        int pout = 1;
        int t = 1;
        for (int a = 0; a < axes.length; a++) {
            axes[a] = AxisTaps.of(spatial[a], window[a], strides[a], padding, normalizeEdges);
            pin *= spatial[a];
            pout *= axes[a].out;
            t *= window[a];
        }
        int[] index = new int[pout * t];
        double[] weight = new double[pout * t];
        int[] o = new int[axes.length];
        int[] d = new int[axes.length];
        for (int po = 0; po < pout; po++) {
            unravel(po, axes, true, o);
            for (int pt = 0; pt < t; pt++) {
                unravel(pt, axes, false, d);
                int pos = 0;
                double w = 1.0;
                for (int a = 0; a < axes.length && pos >= 0; a++) {
                    int i = axes[a].index(o[a], d[a]);
                    pos = i < 0 ? -1 : pos * spatial[a] + i;
                    w *= axes[a].weight(o[a], d[a]);
                }
                index[po * t + pt] = pos;
                weight[po * t + pt] = pos < 0 ? 0.0 : w;
            }
        }
        int[] spatialOut = new int[axes.length];
        for (int a = 0; a < axes.length; a++) {
            spatialOut[a] = axes[a].out;
        }
        return new Taps(pin, pout, t, spatialOut, index, weight);
    }

    /** One tap per position: position {@code p} reads position {@code p} (Dense acting on channels). */
    static Taps pointwise(int[] spatial) {
        int positions = new org.ntk4j.core.InputShape(spatial, 1).positions();
        int[] index = new int[positions];
        double[] weight = new double[positions];
        for (int p = 0; p < positions; p++) {
            index[p] = p;
            weight[p] = 1.0;
        }
        return new Taps(positions, positions, 1, spatial.clone(), index, weight);
    }

    /** One output position averaging all {@code positions} (global average pooling). */
    static Taps global(int[] spatial) {
        Taps all = pointwise(spatial);
        int positions = all.positionsIn;
        double[] weight = new double[positions];
        java.util.Arrays.fill(weight, 1.0 / positions);
        return new Taps(positions, 1, positions, new int[0], all.index, weight);
    }

    private static void unravel(int flat, AxisTaps[] axes, boolean outputs, int[] into) {
        for (int a = axes.length - 1; a >= 0; a--) {
            int n = outputs ? axes[a].out : axes[a].window;
            into[a] = flat % n;
            flat /= n;
        }
    }

    /**
     * Patches: {@code cols[((e·P_out + o)·T + t)·C + c] = x[e, index(o,t), c]} (0 in padding). For
     * identity taps (Dense) that is {@code x} itself, returned without a copy: callers must not
     * modify the result.
     */
    double[] im2col(double[] x, int n, int channels) {
        if (identity) {
            return x;
        }
        double[] cols = new double[n * positionsOut * taps * channels];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < positionsOut * taps; j++) {
                int i = index[j];
                if (i >= 0) {
                    System.arraycopy(x, (e * positionsIn + i) * channels, cols, (e * positionsOut * taps + j) * channels,
                            channels);
                }
            }
        }
        return cols;
    }

    /**
     * The adjoint of {@link #im2col}: every patch entry added back to the input position it was read
     * from; for identity taps {@code cols} itself, without a copy.
     */
    double[] col2im(double[] cols, int n, int channels) {
        if (identity) {
            return cols;
        }
        double[] x = new double[n * positionsIn * channels];
        for (int e = 0; e < n; e++) {
            for (int j = 0; j < positionsOut * taps; j++) {
                int i = index[j];
                if (i < 0) {
                    continue;
                }
                int src = (e * positionsOut * taps + j) * channels;
                int dst = (e * positionsIn + i) * channels;
                for (int c = 0; c < channels; c++) {
                    x[dst + c] += cols[src + c];
                }
            }
        }
        return x;
    }

    /** Weighted sum over taps of patches: {@code y[e, o, c] = Σ_t weight(o,t)·cols[e, o, t, c]}. */
    double[] sumTaps(double[] cols, int n, int channels) {
        double[] y = new double[n * positionsOut * channels];
        for (int r = 0; r < n * positionsOut; r++) {
            int o = r % positionsOut;
            for (int t = 0; t < taps; t++) {
                double w = weight[o * taps + t];
                int src = (r * taps + t) * channels;
                for (int c = 0; c < channels; c++) {
                    y[r * channels + c] += w * cols[src + c];
                }
            }
        }
        return y;
    }

    /** The adjoint of {@link #sumTaps}: {@code cols[e, o, t, c] = weight(o,t)·y[e, o, c]}. */
    double[] spreadTaps(double[] y, int n, int channels) {
        double[] cols = new double[n * positionsOut * taps * channels];
        for (int r = 0; r < n * positionsOut; r++) {
            int o = r % positionsOut;
            for (int t = 0; t < taps; t++) {
                double w = weight[o * taps + t];
                int dst = (r * taps + t) * channels;
                for (int c = 0; c < channels; c++) {
                    cols[dst + c] = w * y[r * channels + c];
                }
            }
        }
        return cols;
    }
}

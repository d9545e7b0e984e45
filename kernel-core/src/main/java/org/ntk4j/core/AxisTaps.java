package org.ntk4j.core;

import java.util.Arrays;

/**
 * The taps of a sliding window along one spatial axis: for every output position {@code o}
 * and window offset {@code t}, the input position {@code idx[o][t] = o·s + t − lo} (wrapped for
 * CIRCULAR, {@code -1} where it falls into zero padding) and the averaging weight of that tap.
 *
 * <p>Immutable; built once per layer and input shape, then shared by all threads.
 */
public final class AxisTaps {
    /** Input length along the axis. */
    public final int in;
    /** Output length along the axis. */
    public final int out;
    /** Window length along the axis. */
    public final int window;
    /** Stride of the window. */
    public final int stride;
    final int[][] idx;
    final double[][] weight;
    /** {@link #weight} rounded to float, for the float32 passes. */
    final float[][] weight32;
    /**
     * For every tap {@code t}, the runs of output positions whose input positions are consecutive:
     * triples {@code (o2Start, length, i2Start)} meaning {@code idx[o2][t] = i2Start + (o2 − o2Start)·stride}
     * for {@code o2 ∈ [o2Start, o2Start + length)}; positions in zero padding belong to no run.
     */
    final int[][] runs;
    /** Padding before the first element ({@code lo}). */
    final int lo;
    /**
     * For every tap {@code t}, the output positions {@code [directStart[t], directEnd[t])} whose input
     * position is {@code o·s + t − lo} itself (inside the input, not wrapped); for stride 1 the tap
     * reads a shifted contiguous copy of the input there.
     */
    final int[] directStart;
    final int[] directEnd;

    private AxisTaps(int in, int out, int window, int stride, int lo, int[][] idx, double[][] weight) {
        this.in = in;
        this.out = out;
        this.window = window;
        this.stride = stride;
        this.idx = idx;
        this.weight = weight;
        this.weight32 = new float[out][window];
        for (int o = 0; o < out; o++) {
            for (int t = 0; t < window; t++) {
                weight32[o][t] = (float) weight[o][t];
            }
        }
        this.lo = lo;
        this.runs = new int[window][];
        this.directStart = new int[window];
        this.directEnd = new int[window];
        for (int t = 0; t < window; t++) {
            runs[t] = runsOf(t);
            int o = 0;
            while (o < out && !isDirect(o, t, lo, stride)) {
                o++;
            }
            directStart[t] = o;
            while (o < out && isDirect(o, t, lo, stride)) {
                o++;
            }
            directEnd[t] = o;
        }
    }

    /** Whether output {@code o} reads input {@code o·s + t − lo} itself through tap {@code t} (no padding, no wrap). */
    private boolean isDirect(int o, int t, int padLo, int s) {
        return idx[o][t] >= 0 && idx[o][t] == o * s + t - padLo;
    }

    private int[] runsOf(int t) {
        int[] r = new int[3 * out];
        int count = 0;
        int o = 0;
        while (o < out) {
            if (idx[o][t] < 0) {
                o++;
                continue;
            }
            int start = o;
            while (o + 1 < out && idx[o + 1][t] == idx[o][t] + stride) {
                o++;
            }
            r[count++] = start;
            r[count++] = o - start + 1;
            r[count++] = idx[start][t];
            o++;
        }
        return java.util.Arrays.copyOf(r, count);
    }

    /**
     * Taps of a window of length {@code f} and stride {@code s} over an axis of length {@code n}.
     *
     * @param normalizeEdges when true (pooling with SAME padding), a tap's weight is one over the
     *                       number of non-padded positions in its window; otherwise {@code 1/f}
     */
    public static AxisTaps of(int n, int f, int s, Padding padding, boolean normalizeEdges) {
        int out = padding.outSize(n, f, s);
        int lo = padding.padLo(n, f, s);
        int[][] idx = new int[out][f];
        double[][] weight = new double[out][f];
        for (int o = 0; o < out; o++) {
            int valid = 0;
            for (int t = 0; t < f; t++) {
                int i = o * s + t - lo;
                if (padding == Padding.CIRCULAR) {
                    i = Math.floorMod(i, n);
                } else if (i < 0 || i >= n) {
                    i = -1;
                }
                idx[o][t] = i;
                if (i >= 0) {
                    valid++;
                }
            }
            double w = 1.0 / (normalizeEdges && padding == Padding.SAME ? valid : f);
            for (int t = 0; t < f; t++) {
                weight[o][t] = idx[o][t] >= 0 ? w : 0.0;
            }
        }
        return new AxisTaps(n, out, f, s, lo, idx, weight);
    }

    /** Input position of tap {@code t} of output position {@code o}, or {@code -1} in zero padding. */
    public int index(int o, int t) {
        return idx[o][t];
    }

    /** Averaging weight of tap {@code t} of output position {@code o} (0 in zero padding). */
    public double weight(int o, int t) {
        return weight[o][t];
    }

    @Override
    public String toString() {
        return "AxisTaps[" + in + "->" + out + ", window " + window + ", idx " + Arrays.deepToString(idx) + "]";
    }
}

package org.ntk4j.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The unit-stride convolution pass of {@link SpatialOps#convPassFull} on SIMD lanes. For an output
 * row and one block {@code a'} of the column axis, every valid tap reads a shifted contiguous copy of
 * an input row, so the middle of the block is {@code out = (1/f)·Σ_t in_t[e + (t−lo)·B]} in one fused
 * sweep; the few positions where some tap falls into padding or wraps around take the per-entry path.
 * The sum runs over taps in increasing order, as in the scalar pass, so both give the same bits.
 */
final class VectorStencil {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private VectorStencil() {
    }

    static void convPassFull(double[] in, double[] out, int outerA, int innerB, AxisTaps ax) {
        final int n = ax.in, m = ax.out, f = ax.window;
        final int pin = outerA * n * innerB, pout = outerA * m * innerB;
        final double w = 1.0 / f;
        final int[][] idx = ax.idx;
        final int[] taps = new int[f];
        final int[] src = new int[f];
        for (int a = 0; a < outerA; a++) {
            for (int o = 0; o < m; o++) {
                int valid = 0;
                int start = 0, end = m;
                for (int t = 0; t < f; t++) {
                    if (idx[o][t] >= 0) {
                        taps[valid++] = t;
                        start = Math.max(start, ax.directStart[t]);
                        end = Math.min(end, ax.directEnd[t]);
                    }
                }
                end = Math.max(start, end);
                for (int b = 0; b < innerB; b++) {
                    final int rowOut = ((a * m + o) * innerB + b) * pout;
                    for (int a2 = 0; a2 < outerA; a2++) {
                        final int blockOut = rowOut + a2 * m * innerB;
                        for (int v = 0; v < valid; v++) {
                            int t = taps[v];
                            src[v] = ((a * n + idx[o][t]) * innerB + b) * pin + a2 * n * innerB + (t - ax.lo) * innerB;
                        }
                        middle(in, src, valid, out, blockOut, start * innerB, end * innerB, w);
                        for (int o2 = 0; o2 < m; o2++) {
                            if (o2 == start && end > start) {
                                o2 = end - 1;
                                continue;
                            }
                            edge(in, out, idx, taps, valid, a, o, b, a2, o2, n, innerB, pin, blockOut, w);
                        }
                    }
                }
            }
        }
    }

    /** {@code out[blockOut + e] = w·Σ_v in[src[v] + e]} for {@code e ∈ [from, to)}. */
    private static void middle(double[] in, int[] src, int valid, double[] out, int blockOut, int from, int to,
            double w) {
        final int lanes = S.length();
        int e = from;
        if (valid == 0) {
            java.util.Arrays.fill(out, blockOut + from, blockOut + to, 0.0);
            return;
        }
        for (; e + lanes <= to; e += lanes) {
            DoubleVector acc = DoubleVector.fromArray(S, in, src[0] + e);
            for (int v = 1; v < valid; v++) {
                acc = acc.add(DoubleVector.fromArray(S, in, src[v] + e));
            }
            acc.mul(w).intoArray(out, blockOut + e);
        }
        for (; e < to; e++) {
            double acc = in[src[0] + e];
            for (int v = 1; v < valid; v++) {
                acc += in[src[v] + e];
            }
            out[blockOut + e] = acc * w;
        }
    }

    /** One output position {@code o2} (all {@code b2}) where a tap is padded or wraps: the per-entry sum. */
    private static void edge(double[] in, double[] out, int[][] idx, int[] taps, int valid, int a, int o, int b,
            int a2, int o2, int n, int innerB, int pin, int blockOut, double w) {
        for (int b2 = 0; b2 < innerB; b2++) {
            double acc = 0.0;
            for (int v = 0; v < valid; v++) {
                int t = taps[v];
                int i2 = idx[o2][t];
                if (i2 >= 0) {
                    acc += in[((a * n + idx[o][t]) * innerB + b) * pin + (a2 * n + i2) * innerB + b2];
                }
            }
            out[blockOut + o2 * innerB + b2] = acc * w;
        }
    }
}

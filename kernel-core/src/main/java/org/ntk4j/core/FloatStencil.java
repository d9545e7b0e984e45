package org.ntk4j.core;

// Generated from VectorStencil.java by Float32Sources (kernel-core tests); do not edit.

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unit-stride convolution passes of {@link FloatSpatialOps} on SIMD lanes. Along one axis, with stride 1,
 * every tap {@code t} of a block reads a copy of the input shifted by {@code (t − lo)·B}, so the
 * middle of the block is {@code out = (1/f)·Σ_t in[base_t + e + (t−lo)·B]} in one fused sweep; the
 * few positions where some tap falls into padding or wraps around take the per-entry path. Taps are
 * summed in increasing order, as in the scalar passes, so both give the same bits.
 */
final class FloatStencil {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private FloatStencil() {
    }

    /** See {@link FloatSpatialOps#convPassFull}; stride 1 only. */
    static void convPassFull(float[] in, float[] out, int outerA, int innerB, AxisTaps ax) {
        Rows rows = new Rows(ax.window);
        for (int a = 0; a < outerA; a++) {
            for (int o = 0; o < ax.out; o++) {
                for (int b = 0; b < innerB; b++) {
                    rows.convRow(in, out, outerA, innerB, ax, a, o, b);
                }
            }
        }
    }

    /** Scratch for computing output rows of a full-storage pass one at a time (one per thread and pass). */
    static final class Rows {
        private final int[] taps;
        private final int[] base;
        private final int[] range = new int[2];
        private final int[] offsets;

        Rows(int window) {
            taps = new int[window];
            base = new int[window];
            offsets = new int[window];
        }

        /** Output row {@code (a, o, b)} of {@link FloatSpatialOps#convPassFull}; stride 1 only. */
        void convRow(float[] in, float[] out, int outerA, int innerB, AxisTaps ax, int a, int o, int b) {
            final int m = ax.out, pout = outerA * m * innerB;
            convRow(in, 0, out, ((a * m + o) * innerB + b) * pout, outerA, innerB, ax, a, o, b);
        }

        /**
         * As {@link #convRow(float[], float[], int, int, AxisTaps, int, int, int)}, reading input row
         * {@code r} at {@code r·pin − inShift} and writing the row at {@code rowOut}.
         */
        void convRow(float[] in, int inShift, float[] out, int rowOut, int outerA, int innerB, AxisTaps ax, int a,
                int o, int b) {
            final int n = ax.in, m = ax.out;
            final int pin = outerA * n * innerB;
            int valid = validTaps(ax, o, taps, range);
            if (spansRows(innerB, outerA, ax, range)) {
                for (int v = 0; v < valid; v++) {
                    base[v] = ((a * n + ax.idx[o][taps[v]]) * innerB + b) * pin - inShift;
                }
                rows(in, base, taps, valid, out, rowOut, outerA, ax, range, offsets);
                return;
            }
            for (int a2 = 0; a2 < outerA; a2++) {
                for (int v = 0; v < valid; v++) {
                    base[v] = ((a * n + ax.idx[o][taps[v]]) * innerB + b) * pin - inShift + a2 * n * innerB;
                }
                block(in, base, taps, valid, out, rowOut + a2 * m * innerB, innerB, ax, range, offsets);
            }
        }
    }

    /** See {@link FloatSpatialOps#convPassDiag}; stride 1 only. */
    static void convPassDiag(float[] in, float[] out, int outerA, int innerB, AxisTaps ax) {
        final int n = ax.in, m = ax.out, f = ax.window;
        final int[] taps = new int[f];
        final int[] base = new int[f];
        final int[] range = new int[2];
        final int[] offsets = new int[f];
        int valid = validTaps(ax, -1, taps, range);
        if (spansRows(innerB, outerA, ax, range)) {
            rows(in, base, taps, valid, out, 0, outerA, ax, range, offsets);
            return;
        }
        for (int a = 0; a < outerA; a++) {
            for (int v = 0; v < valid; v++) {
                base[v] = a * n * innerB;
            }
            block(in, base, taps, valid, out, a * m * innerB, innerB, ax, range, offsets);
        }
    }

    /**
     * Lists the taps valid for output row {@code o} (all taps when {@code o < 0}) and the output
     * positions {@code range = [start, end)} where every one of them reads its input directly.
     */
    private static int validTaps(AxisTaps ax, int o, int[] taps, int[] range) {
        int valid = 0;
        int start = 0, end = ax.out;
        for (int t = 0; t < ax.window; t++) {
            if (o < 0 || ax.idx[o][t] >= 0) {
                taps[valid++] = t;
                start = Math.max(start, ax.directStart[t]);
                end = Math.min(end, ax.directEnd[t]);
            }
        }
        range[0] = start;
        range[1] = Math.max(start, end);
        return valid;
    }

    /**
     * Whether {@link #rows} applies: the pass runs along the last axis ({@code B = 1}) over several
     * rows, output rows are as long as input rows, and some output positions read all taps directly.
     */
    private static boolean spansRows(int innerB, int outerA, AxisTaps ax, int[] range) {
        return innerB == 1 && outerA > 1 && ax.out == ax.in && range[1] > range[0];
    }

    /**
     * {@link #block} for {@code count} consecutive rows along the last axis ({@code B = 1},
     * {@code m = n}; {@code base} is that of the first row): rows follow each other in memory, so one
     * sweep covers every position from the first row's direct range to the last row's, and the
     * positions near row ends, which that sweep gets wrong, are then computed again: per such
     * position {@code o2}, the taps that read the input are listed once ({@code offsets}) and summed
     * for every row. Same sums in the same order as {@link #block}, so the same bits.
     */
    private static void rows(float[] in, int[] base, int[] taps, int valid, float[] out, int rowsOut, int count,
            AxisTaps ax, int[] range, int[] offsets) {
        final float w = 1.0f / ax.window;
        final int m = ax.out, start = range[0], end = range[1];
        middle(in, base, taps, valid, ax.lo, 1, out, rowsOut, start, (count - 1) * m + end, w);
        for (int o2 = 0; o2 < m; o2++) {
            if (o2 == start) {
                o2 = end - 1;
                continue;
            }
            int k = edgeOffsets(base, taps, valid, ax.idx[o2], 1, offsets);
            if (k == 2) {
                edgeColumn2(in, offsets[0], offsets[1], out, rowsOut + o2, count, m, w);
            } else {
                for (int r = 0; r < count; r++) {
                    float acc = 0.0f;
                    for (int j = 0; j < k; j++) {
                        acc += in[offsets[j] + r * m];
                    }
                    out[rowsOut + r * m + o2] = acc * w;
                }
            }
        }
    }

    /**
     * Position {@code o2} of {@code count} rows of length {@code m} (starting at {@code at}) where two
     * taps read the input: {@code out[at + r·m] = w·(0 + in[o0 + r·m] + in[o1 + r·m])}, the per-entry sum.
     */
    private static void edgeColumn2(float[] in, int o0, int o1, float[] out, int at, int count, int m, float w) {
        for (int r = 0, shift = 0; r < count; r++, shift += m) {
            out[at + shift] = (0.0f + in[o0 + shift] + in[o1 + shift]) * w;
        }
    }

    /**
     * One block of {@code m} positions × {@code B}: {@code out[blockOut + o2·B + b2] =
     * (1/f)·Σ_v in[base[v] + idx[o2][taps[v]]·B + b2]}, skipping padded taps.
     */
    private static void block(float[] in, int[] base, int[] taps, int valid, float[] out, int blockOut, int innerB,
            AxisTaps ax, int[] range, int[] offsets) {
        final float w = 1.0f / ax.window;
        final int start = range[0], end = range[1];
        middle(in, base, taps, valid, ax.lo, innerB, out, blockOut, start * innerB, end * innerB, w);
        for (int o2 = 0; o2 < ax.out; o2++) {
            if (o2 == start && end > start) {
                o2 = end - 1;
                continue;
            }
            int count = edgeOffsets(base, taps, valid, ax.idx[o2], innerB, offsets);
            int b2 = edgeLanes(in, offsets, count, innerB, out, blockOut + o2 * innerB, w);
            for (; b2 < innerB; b2++) {
                out[blockOut + o2 * innerB + b2] = entry(in, base, taps, valid, ax.idx[o2], b2, innerB) * w;
            }
        }
    }

    /**
     * The input offsets {@code base[v] + idx[taps[v]]·stride} of the taps of one output position that
     * read the input ({@code idx ≥ 0}), in increasing tap order, into {@code offsets}; returns how many.
     */
    private static int edgeOffsets(int[] base, int[] taps, int valid, int[] idx, int stride, int[] offsets) {
        int count = 0;
        for (int v = 0; v < valid; v++) {
            int i2 = idx[taps[v]];
            if (i2 >= 0) {
                offsets[count++] = base[v] + i2 * stride;
            }
        }
        return count;
    }

    /**
     * One output entry where some taps fall into padding: {@code 0 + Σ_{v: idx[taps[v]] ≥ 0}
     * in[base[v] + shift + idx[taps[v]]·stride]}, the taps in increasing order (unweighted).
     */
    private static float entry(float[] in, int[] base, int[] taps, int valid, int[] idx, int shift, int stride) {
        float acc = 0.0f;
        for (int v = 0; v < valid; v++) {
            int i2 = idx[taps[v]];
            if (i2 >= 0) {
                acc += in[base[v] + shift + i2 * stride];
            }
        }
        return acc;
    }

    /**
     * An output row near the edge, where some taps fall into padding, on lanes over {@code b2}:
     * {@code out[rowOut + b2] = w·(0 + Σ_k in[offsets[k] + b2])} over the {@code count} taps that
     * read the input, in increasing order as in the per-entry loop (no branch between vector
     * operations, so C2 keeps them in registers); returns the first {@code b2} not done.
     */
    private static int edgeLanes(float[] in, int[] offsets, int count, int innerB, float[] out, int rowOut,
            float w) {
        if (count == 2) {
            return edgeLanes2(in, offsets[0], offsets[1], innerB, out, rowOut, w);
        }
        final int lanes = S.length();
        final FloatVector weight = FloatVector.broadcast(S, w);
        int b2 = 0;
        for (; b2 + lanes <= innerB; b2 += lanes) {
            FloatVector acc = FloatVector.zero(S);
            for (int k = 0; k < count; k++) {
                acc = acc.add(FloatVector.fromArray(S, in, offsets[k] + b2));
            }
            acc.mul(weight).intoArray(out, rowOut + b2);
        }
        return b2;
    }

    /**
     * {@link #edgeLanes} for two taps (the edge rows of the common 3-tap window), unrolled so that no
     * vector crosses a loop back-edge: {@code out[rowOut + b2] = w·(0 + in[o0 + b2] + in[o1 + b2])}.
     */
    private static int edgeLanes2(float[] in, int o0, int o1, int innerB, float[] out, int rowOut, float w) {
        final int lanes = S.length();
        final FloatVector weight = FloatVector.broadcast(S, w);
        final FloatVector zero = FloatVector.zero(S);
        int b2 = 0;
        for (; b2 + lanes <= innerB; b2 += lanes) {
            zero.add(FloatVector.fromArray(S, in, o0 + b2)).add(FloatVector.fromArray(S, in, o1 + b2)).mul(weight)
                    .intoArray(out, rowOut + b2);
        }
        return b2;
    }

    /**
     * The common 3-tap window, unrolled (its own small method, so that C2 inlines every vector
     * operation of it): {@code out[blockOut + e] = w·(in[s0 + e] + in[s1 + e] + in[s2 + e])} over
     * whole lane groups from {@code from}; returns the first position not done.
     */
    private static int middle3(float[] in, int s0, int s1, int s2, float[] out, int blockOut, int from, int to,
            float w) {
        final int lanes = S.length();
        final FloatVector weight = FloatVector.broadcast(S, w);
        int e = from;
        for (; e + lanes <= to; e += lanes) {
            FloatVector.fromArray(S, in, s0 + e).add(FloatVector.fromArray(S, in, s1 + e))
                    .add(FloatVector.fromArray(S, in, s2 + e)).mul(weight).intoArray(out, blockOut + e);
        }
        return e;
    }

    /** The fused sweep over {@code e ∈ [from, to)}, where every valid tap reads its shifted input directly. */
    private static void middle(float[] in, int[] base, int[] taps, int valid, int lo, int innerB, float[] out,
            int blockOut, int from, int to, float w) {
        if (from >= to) {
            return;
        }
        if (valid == 0) {
            java.util.Arrays.fill(out, blockOut + from, blockOut + to, 0.0f);
            return;
        }
        final int lanes = S.length();
        final int s0 = base[0] + (taps[0] - lo) * innerB;
        final FloatVector weight = FloatVector.broadcast(S, w);
        int e = from;
        if (valid == 3) {
            e = middle3(in, s0, base[1] + (taps[1] - lo) * innerB, base[2] + (taps[2] - lo) * innerB, out, blockOut,
                    from, to, w);
        }
        for (; e + lanes <= to; e += lanes) {
            FloatVector acc = FloatVector.fromArray(S, in, s0 + e);
            for (int v = 1; v < valid; v++) {
                acc = acc.add(FloatVector.fromArray(S, in, base[v] + (taps[v] - lo) * innerB + e));
            }
            acc.mul(weight).intoArray(out, blockOut + e);
        }
        for (; e < to; e++) {
            float acc = in[s0 + e];
            for (int v = 1; v < valid; v++) {
                acc += in[base[v] + (taps[v] - lo) * innerB + e];
            }
            out[blockOut + e] = acc * w;
        }
    }
}

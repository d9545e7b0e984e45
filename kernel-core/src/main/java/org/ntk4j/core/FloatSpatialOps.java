package org.ntk4j.core;

// Generated from SpatialOps.java by Float32Sources (kernel-core tests); do not edit.

/**
 * The loops that move a kernel through spatial layers, on flat row-major {@code float[]} buffers.
 *
 * <p>Storage layouts, for spatial dims {@code (n_1, …, n_k)} and {@code P = Π n_i}:
 * <ul>
 *   <li>diagonal: {@code K[p]}, the covariance of position {@code p} of x with the same position of x';</li>
 *   <li>full: {@code K[p·P + p']}, position {@code p} of x with position {@code p'} of x'.</li>
 * </ul>
 * Convolution and pooling act on one axis at a time: viewing the buffer as
 * {@code (A, n, B)} (diagonal) or {@code (A, n, B, A, n, B)} (full), a pass maps the axis of
 * length {@code n} to one of length {@code m}. Filters of neural-tangents' kernels are products
 * over axes, so a k-dimensional window is exactly k passes.
 *
 * <p>All methods are allocation-free and write into caller-provided buffers.
 */
public final class FloatSpatialOps {
    private FloatSpatialOps() {
    }

    /**
     * Convolution pass on a full-storage buffer along one axis (diagonal filter, shared weights):
     * {@code out[a,o,b,a',o',b'] = (1/f) Σ_t in[a, o·s+t−lo, b, a', o'·s+t−lo, b']}, where a tap that
     * falls into zero padding on either side contributes 0.
     *
     * <p>For a fixed output row {@code (a,o,b)} and tap {@code t} the sum over {@code (a',o',b')} reads
     * runs of consecutive input positions ({@link AxisTaps#runs}); with stride 1 each run is one
     * contiguous block of {@code length·B} values, so the inner loop is a plain vectorisable add.
     */
    public static void convPassFull(float[] in, float[] out, int outerA, int innerB, AxisTaps ax) {
        if (Simd.ENABLED && ax.stride == 1) {
            FloatStencil.convPassFull(in, out, outerA, innerB, ax);
        } else {
            convPassFullScalar(in, out, outerA, innerB, ax);
        }
    }

    /** {@link #convPassFull} without SIMD, for any stride. */
    static void convPassFullScalar(float[] in, float[] out, int outerA, int innerB, AxisTaps ax) {
        for (int a = 0; a < outerA; a++) {
            for (int o = 0; o < ax.out; o++) {
                for (int b = 0; b < innerB; b++) {
                    convRowFullScalar(in, 0, out, ((a * ax.out + o) * innerB + b) * outerA * ax.out * innerB, outerA,
                            innerB, ax, a, o, b);
                }
            }
        }
    }

    /**
     * Computes output rows of a full-storage convolution pass one at a time, on SIMD lanes where
     * possible; holds a little per-thread scratch, so make one per thread and pass.
     */
    public static final class ConvRows {
        private final AxisTaps ax;
        private final int outerA;
        private final int innerB;
        private final Object simd;

        public ConvRows(AxisTaps ax, int outerA, int innerB) {
            this.ax = ax;
            this.outerA = outerA;
            this.innerB = innerB;
            this.simd = Simd.ENABLED && ax.stride == 1 ? new FloatStencil.Rows(ax.window) : null;
        }

        /** Output row {@code (a, o, b)} of {@link #convPassFull}: {@code pout} entries from {@code ((a·m+o)·B+b)·pout}. */
        public void row(float[] in, float[] out, int a, int o, int b) {
            row(in, 0, out, ((a * ax.out + o) * innerB + b) * outerA * ax.out * innerB, a, o, b);
        }

        /**
         * Output row {@code (a, o, b)} written at {@code rowOut}, reading input row {@code r} at
         * {@code r·pin − inShift} (so a caller can keep only a block of input rows).
         */
        public void row(float[] in, int inShift, float[] out, int rowOut, int a, int o, int b) {
            if (simd != null) {
                ((FloatStencil.Rows) simd).convRow(in, inShift, out, rowOut, outerA, innerB, ax, a, o, b);
            } else {
                convRowFullScalar(in, inShift, out, rowOut, outerA, innerB, ax, a, o, b);
            }
        }
    }

    /** Output row {@code (a, o, b)} of {@link #convPassFull} without SIMD, for any stride (see {@link ConvRows#row}). */
    static void convRowFullScalar(float[] in, int inShift, float[] out, int rowOut, int outerA, int innerB,
            AxisTaps ax, int a, int o, int b) {
        final int n = ax.in, m = ax.out, f = ax.window, s = ax.stride;
        final int pin = outerA * n * innerB, pout = outerA * m * innerB;
        final float w = 1.0f / f;
        java.util.Arrays.fill(out, rowOut, rowOut + pout, 0.0f);
        for (int t = 0; t < f; t++) {
            final int i = ax.idx[o][t];
            if (i < 0) {
                continue;
            }
            final int rowIn = ((a * n + i) * innerB + b) * pin - inShift;
            final int[] r = ax.runs[t];
            for (int a2 = 0; a2 < outerA; a2++) {
                final int blockIn = rowIn + a2 * n * innerB;
                final int blockOut = rowOut + a2 * m * innerB;
                for (int k = 0; k < r.length; k += 3) {
                    final int dst = blockOut + r[k] * innerB;
                    final int src = blockIn + r[k + 2] * innerB;
                    if (s == 1) {
                        addRun(in, src, out, dst, r[k + 1] * innerB);
                    } else {
                        for (int q = 0; q < r[k + 1]; q++) {
                            addRun(in, src + q * s * innerB, out, dst + q * innerB, innerB);
                        }
                    }
                }
            }
        }
        for (int e = rowOut; e < rowOut + pout; e++) {
            out[e] *= w;
        }
    }

    /** {@code out[dst + e] += in[src + e]} for {@code e < len}. */
    private static void addRun(float[] in, int src, float[] out, int dst, int len) {
        for (int e = 0; e < len; e++) {
            out[dst + e] += in[src + e];
        }
    }

    /**
     * Pooling pass on a full-storage buffer along one axis (independent window offsets on both sides):
     * {@code out[a,o,b,a',o',b'] = Σ_t Σ_t' w[o][t]·w[o'][t']·in[a, idx[o][t], b, a', idx[o'][t'], b']}.
     */
    public static void poolPassFull(float[] in, float[] out, int outerA, int innerB, AxisTaps ax) {
        final int n = ax.in, m = ax.out, f = ax.window;
        final int pin = outerA * n * innerB, pout = outerA * m * innerB;
        final int[][] idx = ax.idx;
        final float[][] wt = ax.weight32;
        for (int a = 0; a < outerA; a++) {
            for (int o = 0; o < m; o++) {
                for (int b = 0; b < innerB; b++) {
                    final int rowOut = ((a * m + o) * innerB + b) * pout;
                    for (int a2 = 0; a2 < outerA; a2++) {
                        for (int o2 = 0; o2 < m; o2++) {
                            final int outOff = rowOut + (a2 * m + o2) * innerB;
                            java.util.Arrays.fill(out, outOff, outOff + innerB, 0.0f);
                            for (int t = 0; t < f; t++) {
                                final int i = idx[o][t];
                                if (i < 0) {
                                    continue;
                                }
                                for (int t2 = 0; t2 < f; t2++) {
                                    final int i2 = idx[o2][t2];
                                    if (i2 < 0) {
                                        continue;
                                    }
                                    final float ww = wt[o][t] * wt[o2][t2];
                                    final int inOff = ((a * n + i) * innerB + b) * pin + (a2 * n + i2) * innerB;
                                    for (int b2 = 0; b2 < innerB; b2++) {
                                        out[outOff + b2] += ww * in[inOff + b2];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Convolution pass on a diagonal-storage buffer along one axis:
     * {@code out[a,o,b] = (1/f) Σ_t in[a, o·s+t−lo, b]} (padded taps contribute 0).
     */
    public static void convPassDiag(float[] in, float[] out, int outerA, int innerB, AxisTaps ax) {
        if (Simd.ENABLED && ax.stride == 1) {
            FloatStencil.convPassDiag(in, out, outerA, innerB, ax);
        } else {
            convPassDiagScalar(in, out, outerA, innerB, ax);
        }
    }

    /** {@link #convPassDiag} without SIMD, for any stride. */
    static void convPassDiagScalar(float[] in, float[] out, int outerA, int innerB, AxisTaps ax) {
        final int n = ax.in, m = ax.out, f = ax.window;
        final float w = 1.0f / f;
        for (int a = 0; a < outerA; a++) {
            for (int o = 0; o < m; o++) {
                final int outOff = (a * m + o) * innerB;
                java.util.Arrays.fill(out, outOff, outOff + innerB, 0.0f);
                for (int t = 0; t < f; t++) {
                    final int i = ax.idx[o][t];
                    if (i < 0) {
                        continue;
                    }
                    final int inOff = (a * n + i) * innerB;
                    for (int b = 0; b < innerB; b++) {
                        out[outOff + b] += in[inOff + b];
                    }
                }
                for (int b = 0; b < innerB; b++) {
                    out[outOff + b] *= w;
                }
            }
        }
    }

    /** Spatial diagonal of a full buffer: {@code out[p] = in[p·P + p]}. */
    public static void diagonal(float[] in, int positions, float[] out) {
        for (int p = 0; p < positions; p++) {
            out[p] = in[p * positions + p];
        }
    }

    /** Full buffer that is zero off the spatial diagonal: {@code out[p·P+p'] = δ_{pp'}·diag[p]}. */
    public static void diagonalToFull(float[] diag, int positions, float[] out) {
        java.util.Arrays.fill(out, 0, positions * positions, 0.0f);
        for (int p = 0; p < positions; p++) {
            out[p * positions + p] = diag[p];
        }
    }

    /** Mean of the first {@code len} entries, summed as {@link #sum}. */
    public static float mean(float[] x, int len) {
        return sum(x, len) / len;
    }

    /**
     * {@code Σ x[i]} for {@code i < len}: from 16 terms on, in eight interleaved partial sums combined
     * pairwise, as BLAS sums, so the rounding error grows like {@code sqrt(len/8)} ulps rather than
     * {@code sqrt(len)} of one running sum. It matters near the diagonal, where the arc-cosine's angle
     * comes from {@code q11·q22 − q12²} and magnifies the inputs' rounding (measured: a 4-layer ReLU
     * FCN's NTK at rows 1e-6 apart, 4.9e-10 median error with one running sum, 1.1e-10 with these).
     */
    static float sum(float[] x, int len) {
        if (len < 16) {
            float s = 0;
            for (int i = 0; i < len; i++) {
                s += x[i];
            }
            return s;
        }
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        float s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; i < len; i++) {
            s += x[i];
        }
        return s;
    }

    /** {@code x[i] = scale·x[i] + shift} for the first {@code len} entries. */
    public static void affine(float[] x, int len, float scale, float shift) {
        affine(x, 0, len, scale, shift);
    }

    /** {@code x[i] = scale·x[i] + shift} for {@code i ∈ [from, to)}. */
    public static void affine(float[] x, int from, int to, float scale, float shift) {
        for (int i = from; i < to; i++) {
            x[i] = scale * x[i] + shift;
        }
    }

    /** {@code y[i] = alpha·y[i] + beta·x[i] + shift} for the first {@code len} entries. */
    public static void combine(float[] y, int len, float alpha, float[] x, float beta, float shift) {
        combine(y, 0, len, alpha, x, beta, shift);
    }

    /** {@code y[i] = alpha·y[i] + beta·x[i] + shift} for {@code i ∈ [from, to)}. */
    public static void combine(float[] y, int from, int to, float alpha, float[] x, float beta, float shift) {
        for (int i = from; i < to; i++) {
            y[i] = alpha * y[i] + beta * x[i] + shift;
        }
    }

    /**
     * Applies one pass per spatial axis (see the class comment) to {@code src}, ping-ponging between
     * the state's two scratch buffers, and returns the buffer holding the result ({@code src} itself
     * when there are no axes). {@code pool} selects pooling passes (independent window offsets on the
     * two sides, full storage only) instead of convolution passes.
     */
    public static float[] sweep(float[] src, KernelState k, AxisTaps[] axes, boolean full, boolean pool) {
        float[] cur = src;
        for (int j = 0; j < axes.length; j++) {
            int outer = 1;
            for (int i = 0; i < j; i++) {
                outer *= axes[i].out;
            }
            int inner = 1;
            for (int i = j + 1; i < axes.length; i++) {
                inner *= axes[i].in;
            }
            float[] dst = cur == k.scratch32(0) ? k.scratch32(1) : k.scratch32(0);
            if (pool) {
                poolPassFull(cur, dst, outer, inner, axes[j]);
            } else if (full) {
                convPassFull(cur, dst, outer, inner, axes[j]);
            } else {
                convPassDiag(cur, dst, outer, inner, axes[j]);
            }
            cur = dst;
        }
        return cur;
    }

}

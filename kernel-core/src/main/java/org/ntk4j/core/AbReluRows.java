package org.ntk4j.core;

// double only {
// FloatAbReluRows is generated from this file by the kernel-core test Float32Sources.
// } double only
/**
 * The arc-cosine (ABReLU) kernel on rows of a pair's kernel, as {@link Activations#abReluRows}
 * defines it, with {@code mean = (a²+b²)/2} and {@code factor = (a−b)²/(2π)}: per entry
 * {@code s = sqrt(max(q11·q22 − q12², 0))}, {@code θ = atan2(s, q12)} ({@link ArcTan}),
 * {@code K̇ = mean − factor·θ}, {@code nngp' = factor·s + K̇·q12}, {@code ntk' = ntk·K̇}. Rows of 16
 * or more positions run on SIMD lanes ({@link VectorActivations}, the same bits); entries whose
 * {@code q11·q22} leaves {@code [MIN_PRODUCT, MAX_PRODUCT]} are rescaled exactly (see
 * {@link #rescaled}).
 */
final class AbReluRows {
    // double only {
    /** {@code q11·q22} outside {@code [2^-1000, 2^1000]} would overflow or lose digits to underflow. */
    static final double MIN_PRODUCT = 0x1p-1000;
    static final double MAX_PRODUCT = 0x1p1000;
    // } double only
    /* float only {
    /** {@code q11·q22} outside {@code [2^-100, 2^100]} would overflow or lose digits to underflow. *\/
    static final float MIN_PRODUCT = 0x1p-100f;
    static final float MAX_PRODUCT = 0x1p100f;
    } float only */

    private AbReluRows() {
    }

    /** Rows {@code [from, to)} of {@code k} (a diagonal-storage kernel is one row), variances at {@code offset}. */
    static void rows(double mean, double factor, KernelState k, int offset, int from, int to) {
        if (Activations.VECTORISED && k.shape().positions() >= Activations.VECTOR_MIN_POSITIONS) {
            VectorActivations.abRelu(mean, factor, k, offset, from, to);
        } else {
            scalar(mean, factor, k, offset, from, to);
        }
    }

    /** {@link #rows} with scalar code only (the reference for the vectorised path). */
    static void scalar(double mean, double factor, KernelState k, int offset, int from, int to) {
        final int positions = k.shape().positions();
        final double[] nngp = k.nngp();
        final double[] ntk = k.computesNtk() ? k.ntk() : null;
        final double[] cov1 = k.cov1(), cov2 = k.cov2();
        final boolean full = k.shape().full();
        for (int p = full ? from : 0; p < (full ? to : 1); p++) {
            final int row = full ? p * positions : 0;
            for (int p2 = 0; p2 < positions; p2++) {
                final int i = row + p2;
                double dot = entry(mean, factor, cov1[offset + (full ? p : p2)], cov2[offset + p2], nngp, i);
                if (ntk != null) {
                    ntk[i] *= dot;
                }
            }
        }
    }

    /** One entry: replaces {@code nngp[i]} (= q12) and returns K̇. */
    static double entry(double mean, double factor, double q11, double q22, double[] nngp, int i) {
        double q12 = nngp[i];
        double product = q11 * q22;
        if (!(product >= MIN_PRODUCT && product <= MAX_PRODUCT) && q11 != 0.0 && q22 != 0.0) {
            return rescaled(mean, factor, q11, q22, nngp, i);
        }
        double s = (double) Math.sqrt(Math.max(product - q12 * q12, 0.0));
        double theta = ArcTan.angle(s, q12);
        double dot = mean - factor * theta;
        nngp[i] = factor * s + dot * q12;
        return dot;
    }

    /**
     * An entry whose variances are too large or too small for {@code q11·q22}: the kernel is
     * positively homogeneous, {@code F(√(αβ)·q12, α·q11, β·q22) = √(αβ)·F(q12, q11, q22)} and K̇
     * unchanged, so the entry is computed with q11, q22 scaled by exact powers of two
     * {@code α = 2^-2k1}, {@code β = 2^-2k2} to about 1 and the result scaled back by
     * {@code 2^(k1+k2)}: right wherever the inputs and the result are representable.
     */
    static double rescaled(double mean, double factor, double q11, double q22, double[] nngp, int i) {
        int k1 = Math.getExponent(q11) / 2, k2 = Math.getExponent(q22) / 2;
        double x11 = Math.scalb(q11, -2 * k1), x22 = Math.scalb(q22, -2 * k2);
        double x12 = Math.scalb(nngp[i], -(k1 + k2));
        double s = (double) Math.sqrt(Math.max(x11 * x22 - x12 * x12, 0.0));
        double dot = mean - factor * ArcTan.angle(s, x12);
        nngp[i] = Math.scalb(factor * s + dot * x12, k1 + k2);
        return dot;
    }
}

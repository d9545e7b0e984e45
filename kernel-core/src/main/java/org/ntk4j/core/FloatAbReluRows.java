package org.ntk4j.core;

// Generated from AbReluRows.java by Float32Sources (kernel-core tests); do not edit.

/**
 * The arc-cosine (ABReLU) kernel on rows of a pair's kernel, as {@link Activations#abReluRows}
 * defines it, with {@code mean = (a²+b²)/2} and {@code factor = (a−b)²/(2π)}: per entry
 * {@code s = sqrt(max(q11·q22 − q12², 0))}, {@code θ = atan2(s, q12)} ({@link FloatArcTan}),
 * {@code K̇ = mean − factor·θ}, {@code nngp' = factor·s + K̇·q12}, {@code ntk' = ntk·K̇}. Rows of 16
 * or more positions run on SIMD lanes ({@link FloatVectorActivations}, the same bits); entries whose
 * {@code q11·q22} leaves {@code [MIN_PRODUCT, MAX_PRODUCT]} are rescaled exactly (see
 * {@link #rescaled}).
 */
final class FloatAbReluRows {
    /** {@code q11·q22} outside {@code [2^-100, 2^100]} would overflow or lose digits to underflow. */
    static final float MIN_PRODUCT = 0x1p-100f;
    static final float MAX_PRODUCT = 0x1p100f;

    private FloatAbReluRows() {
    }

    /** Rows {@code [from, to)} of {@code k} (a diagonal-storage kernel is one row), variances at {@code offset}. */
    static void rows(float mean, float factor, KernelState k, int offset, int from, int to) {
        if (Activations.VECTORISED && k.shape().positions() >= Activations.VECTOR_MIN_POSITIONS) {
            FloatVectorActivations.abRelu(mean, factor, k, offset, from, to);
        } else {
            scalar(mean, factor, k, offset, from, to);
        }
    }

    /** {@link #rows} with scalar code only (the reference for the vectorised path). */
    static void scalar(float mean, float factor, KernelState k, int offset, int from, int to) {
        final int positions = k.shape().positions();
        final float[] nngp = k.nngp32();
        final float[] ntk = k.computesNtk() ? k.ntk32() : null;
        final float[] cov1 = k.cov1f(), cov2 = k.cov2f();
        final boolean full = k.shape().full();
        for (int p = full ? from : 0; p < (full ? to : 1); p++) {
            final int row = full ? p * positions : 0;
            for (int p2 = 0; p2 < positions; p2++) {
                final int i = row + p2;
                float dot = entry(mean, factor, cov1[offset + (full ? p : p2)], cov2[offset + p2], nngp, i);
                if (ntk != null) {
                    ntk[i] *= dot;
                }
            }
        }
    }

    /** One entry: replaces {@code nngp[i]} (= q12) and returns K̇. */
    static float entry(float mean, float factor, float q11, float q22, float[] nngp, int i) {
        float q12 = nngp[i];
        float product = q11 * q22;
        if (!(product >= MIN_PRODUCT && product <= MAX_PRODUCT) && q11 != 0.0f && q22 != 0.0f) {
            return rescaled(mean, factor, q11, q22, nngp, i);
        }
        float s = (float) Math.sqrt(Math.max(product - q12 * q12, 0.0f));
        float theta = FloatArcTan.angle(s, q12);
        float dot = mean - factor * theta;
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
    static float rescaled(float mean, float factor, float q11, float q22, float[] nngp, int i) {
        int k1 = Math.getExponent(q11) / 2, k2 = Math.getExponent(q22) / 2;
        float x11 = Math.scalb(q11, -2 * k1), x22 = Math.scalb(q22, -2 * k2);
        float x12 = Math.scalb(nngp[i], -(k1 + k2));
        float s = (float) Math.sqrt(Math.max(x11 * x22 - x12 * x12, 0.0f));
        float dot = mean - factor * FloatArcTan.angle(s, x12);
        nngp[i] = Math.scalb(factor * s + dot * x12, k1 + k2);
        return dot;
    }
}

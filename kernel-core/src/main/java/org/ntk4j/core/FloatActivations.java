package org.ntk4j.core;

/**
 * The kernel transforms of {@link Activations} on a float32 state: the same formulas, reading the
 * state's float variance chains ({@link KernelState#cov1f()}, {@link KernelState#cov2f()}).
 * ABReLU runs in float32 arithmetic (on lanes when {@link Simd#ENABLED}, with the same bits);
 * Erf evaluates each entry in double precision from the float inputs and rounds once.
 */
final class FloatActivations {
    private FloatActivations() {
    }

    /** One float32 entry: writes the new nngp entry at {@code i} and returns K̇. */
    @FunctionalInterface
    private interface EntryFn {
        float apply(float q11, float q22, float q12, float[] nngp, int i);
    }

    /** {@link Activations#abReluRows} on a float32 state, variances at {@code off1}, {@code off2} of its chains. */
    static void abReluRows(double a, double b, KernelState k, int off1, int off2, int from, int to) {
        if (Activations.VECTORISED && k.shape().positions() >= Activations.VECTOR_MIN_POSITIONS) {
            FloatVectorActivations.abRelu(mean(a, b), factor(a, b), k, off1, off2, from, to);
        } else {
            abReluScalar(a, b, k, off1, off2, from, to);
        }
    }

    /** {@link #abReluRows} with scalar code only (the reference for the vectorised path). */
    static void abReluScalar(double a, double b, KernelState k, int off1, int off2, int from, int to) {
        final float factor = factor(a, b), mean = mean(a, b);
        apply(k, off1, off2, from, to, (q11, q22, q12, nngp, i) -> abReluEntry(mean, factor, q11, q22, nngp, i));
    }

    /** ABReLU's {@code (a−b)²/(2π)} in float32. */
    static float factor(double a, double b) {
        return (float) ((a - b) * (a - b) / (2 * Math.PI));
    }

    /** ABReLU's {@code (a²+b²)/2} in float32. */
    static float mean(double a, double b) {
        return (float) ((a * a + b * b) / 2);
    }

    /** One float32 ABReLU entry, as {@link Activations#abReluEntry}: replaces {@code nngp[i]} (= q12) and returns K̇. */
    static float abReluEntry(float mean, float factor, float q11, float q22, float[] nngp, int i) {
        float q12 = nngp[i];
        float product = q11 * q22;
        if (!(product >= MIN_PRODUCT && product <= MAX_PRODUCT) && q11 != 0.0f && q22 != 0.0f) {
            return abReluRescaled(mean, factor, q11, q22, nngp, i);
        }
        float s = (float) Math.sqrt(Math.max(product - q12 * q12, 0.0f));
        float theta = FloatArcTan.angle(s, q12);
        float dot = mean - factor * theta;
        nngp[i] = factor * s + dot * q12;
        return dot;
    }

    /** {@code q11·q22} outside {@code [2^-100, 2^100]} takes {@link #abReluRescaled} (float32 range is ±2^127). */
    static final float MIN_PRODUCT = 0x1p-100f;
    static final float MAX_PRODUCT = 0x1p100f;

    /** {@link Activations#abReluRescaled} in float32: exact power-of-two scaling around the same formula. */
    static float abReluRescaled(float mean, float factor, float q11, float q22, float[] nngp, int i) {
        int k1 = Math.getExponent(q11) / 2, k2 = Math.getExponent(q22) / 2;
        float x11 = Math.scalb(q11, -2 * k1), x22 = Math.scalb(q22, -2 * k2);
        float x12 = Math.scalb(nngp[i], -(k1 + k2));
        float s = (float) Math.sqrt(Math.max(x11 * x22 - x12 * x12, 0.0f));
        float dot = mean - factor * FloatArcTan.angle(s, x12);
        nngp[i] = Math.scalb(factor * s + dot * x12, k1 + k2);
        return dot;
    }

    /** {@link Activations#erfRows} on a float32 state. */
    static void erfRows(double a, double b, double c, KernelState k, int off1, int off2, int from, int to) {
        final Activations.ErfEntry e = new Activations.ErfEntry(a, b, c);
        apply(k, off1, off2, from, to, (q11, q22, q12, nngp, i) -> {
            double root = e.root(q11, q22, q12);
            nngp[i] = (float) e.nngp(q12, root);
            return (float) e.dot(root);
        });
    }

    private static void apply(KernelState k, int off1, int off2, int from, int to, EntryFn fn) {
        final int positions = k.shape().positions();
        final float[] nngp = k.nngp32();
        final float[] ntk = k.computesNtk() ? k.ntk32() : null;
        final float[] cov1 = k.cov1f(), cov2 = k.cov2f();
        if (k.shape().full()) {
            for (int p = from; p < to; p++) {
                final float q11 = cov1[off1 + p];
                final int row = p * positions;
                for (int p2 = 0; p2 < positions; p2++) {
                    final int i = row + p2;
                    float dot = fn.apply(q11, cov2[off2 + p2], nngp[i], nngp, i);
                    if (ntk != null) {
                        ntk[i] *= dot;
                    }
                }
            }
        } else {
            for (int p = 0; p < positions; p++) {
                float dot = fn.apply(cov1[off1 + p], cov2[off2 + p], nngp[p], nngp, p);
                if (ntk != null) {
                    ntk[p] *= dot;
                }
            }
        }
    }
}

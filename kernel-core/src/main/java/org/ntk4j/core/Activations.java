package org.ntk4j.core;

/**
 * The built-in row kernels of pointwise nonlinearities that are faster than the generic
 * {@link ElementwiseRows} loop: the arc-cosine kernel of ABReLU (ReLU, LeakyReLU, Abs) on SIMD
 * lanes, in both precisions ({@link AbReluRows} and its generated float32 twin
 * {@link FloatAbReluRows}). Each entry {@code q12 = nngp[·]} is paired with the variances
 * {@code q11 = cov1[offset + p]} of x and {@code q22 = cov2[offset + p']} of x' at the same layer
 * ({@code p' = p} in diagonal storage). After the transform {@code ntk ← ntk ⊙ K̇}.
 */
public final class Activations {
    private static final double TWO_PI = 2 * Math.PI;

    /** Whether the ABReLU transform runs on SIMD lanes (see {@link Simd}). */
    public static final boolean VECTORISED = Simd.ENABLED;

    /**
     * Kernels with fewer positions per row (scalars: vectors, FCN self passes) take the scalar code:
     * the lanes would not pay, and calls with one entry would teach the JIT that the vector loop
     * never runs, which makes it compile that loop badly for the long rows that follow (measured:
     * 3.5× slower blocks of an FCN Gram after its 10,000 self passes).
     */
    static final int VECTOR_MIN_POSITIONS = 16;

    private Activations() {
    }

    /**
     * ABReLU(a, b), {@code φ(u) = a·min(u,0) + b·max(u,0)}, on rows {@code [from, to)} of {@code k}
     * (row {@code p} holds position {@code p} of x with every position of x'; a diagonal-storage
     * kernel is one row), variances at {@code offset} of the state's chains: with
     * {@code s = sqrt(max(q11·q22 − q12², 0))}, {@code θ = atan2(s, q12)} ({@code θ = π/2} when
     * {@code s = q12 = 0}), {@code nngp' = (a−b)²/(2π)·s + [(a²+b²)/2 − (a−b)²·θ/(2π)]·q12},
     * {@code K̇ = (a²+b²)/2 − (a−b)²·θ/(2π)}.
     */
    public static void abReluRows(double a, double b, KernelState k, int offset, int from, int to) {
        final double factor = factor(a, b);
        final double mean = mean(a, b);
        if (k.single()) {
            FloatAbReluRows.rows((float) mean, (float) factor, k, offset, from, to);
        } else {
            AbReluRows.rows(mean, factor, k, offset, from, to);
        }
    }

    /** ABReLU's {@code (a−b)²/(2π)}. */
    static double factor(double a, double b) {
        return (a - b) * (a - b) / TWO_PI;
    }

    /** ABReLU's {@code (a²+b²)/2}. */
    static double mean(double a, double b) {
        return (a * a + b * b) / 2;
    }

    /** Rows of a kernel in its storage: {@code P} in full storage, 1 in diagonal storage. */
    public static int rows(KernelState k) {
        return ElementwiseRows.rows(k);
    }

    /**
     * One ABReLU entry as an {@link ElementwiseKernel}: the arithmetic of the row kernels of
     * {@link #abReluRows} (so the same bits in float64).
     */
    public static void abReluEntry(double a, double b, double q12, double q11, double q22,
            ElementwiseKernel.Entry out) {
        double[] cell = {q12};
        out.kdot = AbReluRows.entry(mean(a, b), factor(a, b), q11, q22, cell, 0);
        out.nngp = cell[0];
    }
}

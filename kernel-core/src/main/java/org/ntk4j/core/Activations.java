package org.ntk4j.core;

/**
 * Closed-form kernel transforms of pointwise nonlinearities (arc-cosine and arc-sine kernels), applied
 * in place to a pair's buffers. Each entry {@code q12 = nngp[·]} is paired with the variances
 * {@code q11 = cov1[p]} of x and {@code q22 = cov2[p']} of x' at the same layer ({@code p' = p} in
 * diagonal storage). After the transform {@code ntk ← ntk ⊙ K̇}.
 *
 * <p>On a float32 {@link KernelState} the transforms run on its float chains, which are the float
 * copies of {@code cov1} and {@code cov2} (see {@link FloatActivations}); the chains passed must be
 * the state's own.
 */
public final class Activations {
    private static final double TWO_PI = 2 * Math.PI;

    /** Whether the ABReLU transform runs on SIMD lanes (see {@link Simd}). */
    public static final boolean VECTORISED = Simd.ENABLED;

    private Activations() {
    }

    /** One arc-cosine entry, the kernel transform of {@code φ(u) = a·min(u,0) + b·max(u,0)}. */
    @FunctionalInterface
    private interface EntryFn {
        /** Writes the new nngp entry and returns K̇ for the ntk. */
        double apply(double q11, double q22, double q12, double[] nngp, int i);
    }

    /**
     * Kernels with fewer positions per row (scalars: vectors, FCN self passes) take the scalar code:
     * the lanes would not pay, and calls with one entry would teach the JIT that the vector loop
     * never runs, which makes it compile that loop badly for the long rows that follow (measured:
     * 3.5× slower blocks of an FCN Gram after its 10,000 self passes).
     */
    static final int VECTOR_MIN_POSITIONS = 16;

    /**
     * ABReLU(a, b): with {@code s = sqrt(max(q11·q22 − q12², 0))}, {@code θ = atan2(s, q12)}
     * ({@code θ = π/2} when {@code s = q12 = 0}):
     * {@code nngp' = (a−b)²/(2π)·s + [(a²+b²)/2 − (a−b)²·θ/(2π)]·q12},
     * {@code K̇ = (a²+b²)/2 − (a−b)²·θ/(2π)}.
     */
    public static void abRelu(double a, double b, KernelState k, double[] cov1, int off1, double[] cov2, int off2) {
        abReluRows(a, b, k, cov1, off1, cov2, off2, 0, rows(k));
    }

    /**
     * {@link #abRelu} on rows {@code [from, to)} of a full-storage kernel (row {@code p} holds
     * position {@code p} of x with every position of x'); a diagonal-storage kernel is one row.
     */
    public static void abReluRows(double a, double b, KernelState k, double[] cov1, int off1, double[] cov2, int off2,
            int from, int to) {
        if (k.single()) {
            FloatActivations.abReluRows(a, b, k, off1, off2, from, to);
        } else if (VECTORISED && k.shape().positions() >= VECTOR_MIN_POSITIONS) {
            VectorActivations.abRelu(a, b, k, cov1, off1, cov2, off2, from, to);
        } else {
            abReluScalar(a, b, k, cov1, off1, cov2, off2, from, to);
        }
    }

    /** Rows of a kernel in its storage: {@code P} in full storage, 1 in diagonal storage. */
    public static int rows(KernelState k) {
        return ElementwiseRows.rows(k);
    }

    /** {@link #abReluRows} with scalar code only (the reference for the vectorised path). */
    static void abReluScalar(double a, double b, KernelState k, double[] cov1, int off1, double[] cov2, int off2,
            int from, int to) {
        final double factor = (a - b) * (a - b) / TWO_PI;
        final double mean = (a * a + b * b) / 2;
        apply(k, cov1, off1, cov2, off2, from, to,
                (q11, q22, q12, nngp, i) -> abReluEntry(mean, factor, q11, q22, nngp, i));
    }

    /**
     * One ABReLU entry as an {@link ElementwiseKernel}: the same arithmetic as the row kernels of
     * {@link #abReluRows} (so the same bits in float64).
     */
    public static void abReluEntry(double a, double b, double q12, double q11, double q22,
            ElementwiseKernel.Entry out) {
        final double factor = (a - b) * (a - b) / TWO_PI;
        final double mean = (a * a + b * b) / 2;
        double[] cell = {q12};
        out.kdot = abReluEntry(mean, factor, q11, q22, cell, 0);
        out.nngp = cell[0];
    }

    /** One Erf(a, b, c) entry as an {@link ElementwiseKernel}: the arithmetic of {@link #erfRows}. */
    public static void erfEntry(double a, double b, double c, double q12, double q11, double q22,
            ElementwiseKernel.Entry out) {
        ErfEntry e = new ErfEntry(a, b, c);
        double root = e.root(q11, q22, q12);
        out.nngp = e.nngp(q12, root);
        out.kdot = e.dot(root);
    }

    /** One ABReLU entry: replaces {@code nngp[i]} (= q12) and returns K̇. */
    static double abReluEntry(double mean, double factor, double q11, double q22, double[] nngp, int i) {
        double q12 = nngp[i];
        double product = q11 * q22;
        if (!(product >= MIN_PRODUCT && product <= MAX_PRODUCT) && q11 != 0.0 && q22 != 0.0) {
            return abReluRescaled(mean, factor, q11, q22, nngp, i);
        }
        double s = Math.sqrt(Math.max(product - q12 * q12, 0.0));
        double theta = ArcTan.angle(s, q12);
        double dot = mean - factor * theta;
        nngp[i] = factor * s + dot * q12;
        return dot;
    }

    /**
     * {@code q11·q22} outside {@code [2^-1000, 2^1000]} (or not finite) would overflow or lose digits
     * to underflow in {@code q11·q22 − q12²}: such entries take {@link #abReluRescaled}.
     */
    static final double MIN_PRODUCT = 0x1p-1000;
    static final double MAX_PRODUCT = 0x1p1000;

    /**
     * An ABReLU entry whose variances are too large or too small for {@code q11·q22}: the kernel is
     * positively homogeneous, {@code F(√(αβ)·q12, α·q11, β·q22) = √(αβ)·F(q12, q11, q22)} and K̇
     * unchanged, so the entry is computed with q11, q22 scaled by exact powers of two
     * {@code α = 2^-2k1}, {@code β = 2^-2k2} to about 1 and the result scaled back by
     * {@code 2^(k1+k2)}: right wherever the inputs and the result are representable.
     */
    static double abReluRescaled(double mean, double factor, double q11, double q22, double[] nngp, int i) {
        int k1 = Math.getExponent(q11) / 2, k2 = Math.getExponent(q22) / 2;
        double x11 = Math.scalb(q11, -2 * k1), x22 = Math.scalb(q22, -2 * k2);
        double x12 = Math.scalb(nngp[i], -(k1 + k2));
        double s = Math.sqrt(Math.max(x11 * x22 - x12 * x12, 0.0));
        double dot = mean - factor * ArcTan.angle(s, x12);
        nngp[i] = Math.scalb(factor * s + dot * x12, k1 + k2);
        return dot;
    }

    /**
     * Erf(a, b, c), {@code φ(u) = a·erf(b·u) + c}: with every q scaled by b² and
     * {@code Π = (1+2q11)(1+2q22)}:
     * {@code nngp' = a²·(2/π)·asin(2q12 / sqrt(Π)) + c²} (computed as atan2 for stability),
     * {@code K̇ = a²·b²·(4/π) / sqrt(Π − 4q12²)}.
     */
    public static void erf(double a, double b, double c, KernelState k, double[] cov1, int off1, double[] cov2,
            int off2) {
        erfRows(a, b, c, k, cov1, off1, cov2, off2, 0, rows(k));
    }

    /** {@link #erf} on rows {@code [from, to)} (see {@link #abReluRows}). */
    public static void erfRows(double a, double b, double c, KernelState k, double[] cov1, int off1, double[] cov2,
            int off2, int from, int to) {
        if (k.single()) {
            FloatActivations.erfRows(a, b, c, k, off1, off2, from, to);
            return;
        }
        final ErfEntry e = new ErfEntry(a, b, c);
        apply(k, cov1, off1, cov2, off2, from, to, (q11, q22, q12, nngp, i) -> {
            double root = e.root(q11, q22, q12);
            nngp[i] = e.nngp(q12, root);
            return e.dot(root);
        });
    }

    /**
     * The arc-sine kernel of Erf(a, b, c) entry by entry, in double precision (the float32 path rounds
     * its results): {@code root = sqrt(max(Π − 4x², 0))} with {@code x = b²q12},
     * {@code Π = (1+2b²q11)(1+2b²q22)}; {@code nngp' = a²(2/π)·atan2(2x, root) + c²};
     * {@code K̇ = a²b²(4/π)/root}.
     */
    static final class ErfEntry {
        private final double b2;
        private final double c2;
        private final double nngpFactor;
        private final double dotFactor;

        ErfEntry(double a, double b, double c) {
            final double a2 = a * a;
            this.b2 = b * b;
            this.c2 = c * c;
            this.nngpFactor = a2 * 2 / Math.PI;
            this.dotFactor = a2 * b2 * 4 / Math.PI;
        }

        double root(double q11, double q22, double q12) {
            double x = b2 * q12;
            double prod = (1 + 2 * b2 * q11) * (1 + 2 * b2 * q22);
            if (!(prod <= MAX_PRODUCT)) {
                return rootScaled(q11, q22, x);
            }
            return Math.sqrt(Math.max(prod - 4 * x * x, 0.0));
        }

        /**
         * The root for variances whose product would overflow: with {@code λ = √u1·√u2},
         * {@code u = 1 + 2b²q}, {@code root = λ·sqrt((1 − t)(1 + t))}, {@code t = 2x/λ}.
         */
        private double rootScaled(double q11, double q22, double x) {
            double lambda = Math.sqrt(1 + 2 * b2 * q11) * Math.sqrt(1 + 2 * b2 * q22);
            double t = 2 * x / lambda;
            return lambda * Math.sqrt(Math.max((1 - t) * (1 + t), 0.0));
        }

        double nngp(double q12, double root) {
            return nngpFactor * Math.atan2(2 * (b2 * q12), root) + c2;
        }

        double dot(double root) {
            return dotFactor / root;
        }
    }

    private static void apply(KernelState k, double[] cov1, int off1, double[] cov2, int off2, int from, int to,
            EntryFn fn) {
        final int positions = k.shape().positions();
        final double[] nngp = k.nngp();
        final double[] ntk = k.computesNtk() ? k.ntk() : null;
        if (k.shape().full()) {
            for (int p = from; p < to; p++) {
                final double q11 = cov1[off1 + p];
                final int row = p * positions;
                for (int p2 = 0; p2 < positions; p2++) {
                    final int i = row + p2;
                    double dot = fn.apply(q11, cov2[off2 + p2], nngp[i], nngp, i);
                    if (ntk != null) {
                        ntk[i] *= dot;
                    }
                }
            }
        } else {
            for (int p = 0; p < positions; p++) {
                double dot = fn.apply(cov1[off1 + p], cov2[off2 + p], nngp[p], nngp, p);
                if (ntk != null) {
                    ntk[p] *= dot;
                }
            }
        }
    }
}

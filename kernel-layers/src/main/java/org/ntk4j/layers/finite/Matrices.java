package org.ntk4j.layers.finite;

import org.ntk4j.core.Simd;

/**
 * Row-major matrix helpers on {@code double[]}, in plain Java: a register-blocked GEMM on SIMD lanes
 * ({@link VectorGemm}, when {@link Simd#ENABLED}) or a cache-blocked scalar loop, single-threaded
 * (the callers run one network per thread: Monte Carlo draws, ensemble members). No copies to and
 * from native buffers, so small products cost what their arithmetic costs.
 */
final class Matrices {
    /** Columns per panel of the scalar kernel. */
    private static final int COLS = 256;

    private Matrices() {
    }

    /** {@code A·B} with A (m×k) and B (k×n), or {@code A·Bᵀ} with B (n×k) when {@code transB}. */
    static double[] mmul(double[] a, int m, int k, double[] b, int n, boolean transB) {
        return times(a, m, k, transB ? transpose(b, n, k) : b, n);
    }

    /** {@code Aᵀ·B} (k×n) with A (m×k) and B (m×n). */
    static double[] transposedTimes(double[] a, int m, int k, double[] b, int n) {
        if (n >= 8) {
            return times(transpose(a, m, k), k, m, b, n);
        }
        // Few columns (a readout's gradient): c[p, j] += a[i, p]·b[i, j], running along the rows of A.
        double[] c = new double[k * n];
        for (int j = 0; j < n; j++) {
            double[] col = new double[k];
            for (int i = 0; i < m; i++) {
                double bij = b[i * n + j];
                int ai = i * k;
                for (int p = 0; p < k; p++) {
                    col[p] += a[ai + p] * bij;
                }
            }
            for (int p = 0; p < k; p++) {
                c[p * n + j] = col[p];
            }
        }
        return c;
    }

    /** The Gram matrix {@code A·Aᵀ} (m×m) of A (m×k). */
    static double[] gram(double[] a, int m, int k) {
        return mmul(a, m, k, a, m, true);
    }

    /** {@code A·B} (m×n) with A (m×k) and B (k×n). */
    static double[] times(double[] a, int m, int k, double[] b, int n) {
        if ((long) m * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("product of " + m + " x " + n + " is too large for one array");
        }
        double[] c = new double[m * n];
        if (Simd.ENABLED) {
            VectorGemm.times(a, m, k, b, n, c);
        } else {
            scalarTimes(a, k, b, n, c, 0, m, 0, n);
        }
        return c;
    }

    /** {@code c[i, j] += Σ_p a[i, p]·b[p, j]} for rows {@code i0..i1−1} and columns {@code j0..j1−1}. */
    static void scalarTimes(double[] a, int k, double[] b, int n, double[] c, int i0, int i1, int j0, int j1) {
        if (j1 - j0 == 1) {
            for (int i = i0; i < i1; i++) {
                double s = 0;
                int ai = i * k;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[p * n + j0];
                }
                c[i * n + j0] += s;
            }
            return;
        }
        for (int c0 = j0; c0 < j1; c0 += COLS) {
            int c1 = Math.min(j1, c0 + COLS);
            for (int i = i0; i < i1; i++) {
                int ci = i * n;
                int ai = i * k;
                for (int p = 0; p < k; p++) {
                    double aip = a[ai + p];
                    int bp = p * n;
                    for (int j = c0; j < c1; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        }
    }

    /** The (k×m) transpose of a (m×k) matrix. */
    static double[] transpose(double[] a, int m, int k) {
        double[] t = new double[a.length];
        for (int i0 = 0; i0 < m; i0 += 32) {
            int i1 = Math.min(m, i0 + 32);
            for (int p = 0; p < k; p++) {
                for (int i = i0; i < i1; i++) {
                    t[p * m + i] = a[i * k + p];
                }
            }
        }
        return t;
    }

    /**
     * Rows {@code e·positions + p} for {@code e = 0..count−1} of a (count·positions × cols) matrix:
     * the rows of position {@code p}, one per example.
     */
    static double[] rowsAt(double[] a, int cols, int p, int positions, int count) {
        double[] out = new double[count * cols];
        for (int e = 0; e < count; e++) {
            System.arraycopy(a, (e * positions + p) * cols, out, e * cols, cols);
        }
        return out;
    }

    /** Inverse of {@link #rowsAt}: writes row {@code e} of {@code rows} to row {@code e·positions + p} of {@code a}. */
    static void setRowsAt(double[] a, double[] rows, int cols, int p, int positions, int count) {
        for (int e = 0; e < count; e++) {
            System.arraycopy(rows, e * cols, a, (e * positions + p) * cols, cols);
        }
    }

    /** {@code a ← a + b} elementwise. */
    static void addTo(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }
}

package org.ntk4j.layers.finite;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM kernel of {@link Matrices} on SIMD lanes (JDK Vector API): blocks of 4 rows of C by two
 * vectors of columns held in registers while the inner dimension runs, 2 loads and 4 broadcasts per 8
 * FMAs. Loaded only when {@code Simd.ENABLED}; the row and column edges fall back to scalar loops.
 * Sums over the inner dimension run in order, like the scalar kernel, but with FMA (one rounding per
 * step), so the two agree to rounding, not bit for bit.
 */
final class VectorGemm {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Columns and inner-dimension rows per panel: a DEPTH × COLS panel of B (256 KiB) stays in cache. */
    private static final int COLS = 256;
    private static final int DEPTH = 128;

    private VectorGemm() {
    }

    /** {@code c += a·b} with a (m×k), b (k×n), c (m×n), all row-major. */
    static void times(double[] a, int m, int k, double[] b, int n, double[] c) {
        int step = 2 * L;
        int nv = n - n % step;
        int mv = m - m % 4;
        for (int j0 = 0; j0 < nv; j0 += COLS) {
            int j1 = Math.min(nv, j0 + COLS);
            for (int p0 = 0; p0 < k; p0 += DEPTH) {
                panel(a, mv, k, b, n, c, j0, j1, p0, Math.min(k, p0 + DEPTH));
            }
        }
        // Edges: the last m % 4 rows over the vector columns, and all rows over the last n % (2L) columns.
        Matrices.scalarTimes(a, k, b, n, c, mv, m, 0, nv);
        Matrices.scalarTimes(a, k, b, n, c, 0, m, nv, n);
    }

    /** {@code c += a·b} on rows {@code 0..mv−1} (a multiple of 4), columns {@code j0..j1−1} (of 2L) and inner {@code p0..p1−1}. */
    private static void panel(double[] a, int mv, int k, double[] b, int n, double[] c, int j0, int j1, int p0, int p1) {
        int step = 2 * L;
        for (int i = 0; i < mv; i += 4) {
            int a0 = i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            for (int j = j0; j < j1; j += step) {
                DoubleVector c00 = DoubleVector.zero(S);
                DoubleVector c01 = DoubleVector.zero(S);
                DoubleVector c10 = DoubleVector.zero(S);
                DoubleVector c11 = DoubleVector.zero(S);
                DoubleVector c20 = DoubleVector.zero(S);
                DoubleVector c21 = DoubleVector.zero(S);
                DoubleVector c30 = DoubleVector.zero(S);
                DoubleVector c31 = DoubleVector.zero(S);
                for (int p = p0; p < p1; p++) {
                    int bp = p * n + j;
                    DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
                    DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
                    DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + p]);
                    DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
                    DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
                    DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
                    c00 = b0.fma(x0, c00);
                    c01 = b1.fma(x0, c01);
                    c10 = b0.fma(x1, c10);
                    c11 = b1.fma(x1, c11);
                    c20 = b0.fma(x2, c20);
                    c21 = b1.fma(x2, c21);
                    c30 = b0.fma(x3, c30);
                    c31 = b1.fma(x3, c31);
                }
                int r = i * n + j;
                c00.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
                c01.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
                r += n;
                c10.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
                c11.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
                r += n;
                c20.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
                c21.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
                r += n;
                c30.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
                c31.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
            }
        }
    }
}

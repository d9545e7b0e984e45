package org.ntk4j.layers.finite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntk4j.core.Simd;
import org.ntk4j.testkit.Seeded;

/**
 * The plain-Java products of {@link Matrices} (the SIMD kernel of {@link VectorGemm} when the
 * Vector API is present, and the scalar kernel always) against a naive triple loop, on shapes that
 * hit every edge: rows not a multiple of 4, columns not a multiple of the vector pair, inner
 * dimensions past one panel depth (128) and columns past one panel width (256), single rows and
 * columns, an empty inner dimension.
 */
class MatricesTest {

    private static double[] naive(double[] a, int m, int k, double[] b, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static void assertClose(double[] expected, double[] actual, int k, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-13 * Math.max(1, k), what + " entry " + i);
        }
    }

    @ParameterizedTest(name = "{0} x {1} x {2}")
    @CsvSource({"1,1,1", "4,8,8", "5,3,9", "7,130,17", "13,300,600", "512,64,40", "3,0,8", "9,257,1", "1,5,300"})
    void productsMatchTheNaiveLoop(int m, int k, int n) {
        double[] a = Seeded.gaussians(1, m * k);
        double[] b = Seeded.gaussians(2, k * n);
        double[] expected = naive(a, m, k, b, n);
        assertClose(expected, Matrices.times(a, m, k, b, n), k, "times");
        double[] scalar = new double[m * n];
        Matrices.scalarTimes(a, k, b, n, scalar, 0, m, 0, n);
        assertClose(expected, scalar, k, "scalar kernel");
        if (Simd.ENABLED) {
            double[] lanes = new double[m * n];
            VectorGemm.times(a, m, k, b, n, lanes);
            assertClose(expected, lanes, k, "SIMD kernel");
        }
        // A·Bᵀ with B given as (n×k), Aᵀ·B with A given as (k×m), A·Aᵀ.
        assertClose(expected, Matrices.mmul(a, m, k, Matrices.transpose(b, k, n), n, true), k, "mmul transB");
        assertClose(expected, Matrices.transposedTimes(Matrices.transpose(a, m, k), k, m, b, n), k, "transposedTimes");
        assertClose(naive(a, m, k, Matrices.transpose(a, m, k), m), Matrices.gram(a, m, k), k, "gram");
    }
}

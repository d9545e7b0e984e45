package org.ntk4j.layers.finite;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

/** Row-major matrix helpers on {@code double[]}: ND4J GEMM for the products, plain loops for row moves. */
final class Matrices {
    private Matrices() {
    }

    /** {@code A·B} with A (m×k) and B (k×n), or {@code A·Bᵀ} with B (n×k) when {@code transB}. */
    static double[] mmul(double[] a, int m, int k, double[] b, int n, boolean transB) {
        Ntk4j.init();
        INDArray ma = Nd4j.create(a, new long[] {m, k}, 'c');
        INDArray mb = transB ? Nd4j.create(b, new long[] {n, k}, 'c').transpose() : Nd4j.create(b, new long[] {k, n}, 'c');
        return ma.mmul(mb).dup('c').data().asDouble();
    }

    /** {@code Aᵀ·B} (k×n) with A (m×k) and B (m×n). */
    static double[] transposedTimes(double[] a, int m, int k, double[] b, int n) {
        Ntk4j.init();
        INDArray ma = Nd4j.create(a, new long[] {m, k}, 'c').transpose();
        return ma.mmul(Nd4j.create(b, new long[] {m, n}, 'c')).dup('c').data().asDouble();
    }

    /** The Gram matrix {@code A·Aᵀ} (m×m) of A (m×k). */
    static double[] gram(double[] a, int m, int k) {
        return mmul(a, m, k, a, m, true);
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

package org.ntk4j.core;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Blocks of the input covariance {@code K0[i, j] = x1_i · x2_j / D} of flat inputs of length
 * {@code D}, by BLAS matrix products (ND4J, one {@code dgemm} with {@code α = 1/D} per block), for
 * {@link TileKernel}s.
 *
 * <p>Each thread computes into its own {@link Product} buffer, reused from block to block, so a
 * block costs the product and one bulk copy to the heap: no native allocation, no separate scaling
 * pass. A value does not depend on the block it is computed in (BLAS splits the rows and columns,
 * never the sum over {@code D}), which keeps resumed and distributed builds bit-identical.
 */
public final class InputGram {
    private final INDArray x1;
    private final INDArray x2;
    private final double scale;

    /** Copies both sets of rows into ND4J matrices once; {@code rows2} may be {@code rows1}. */
    public InputGram(double[][] rows1, double[][] rows2) {
        Ntk4j.init();
        this.x1 = matrix(rows1);
        this.x2 = rows2 == rows1 ? x1 : matrix(rows2);
        this.scale = 1.0 / rows1[0].length;
    }

    private static INDArray matrix(double[][] rows) {
        int d = rows[0].length;
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return NdArrays.of(flat, new long[] {rows.length, d});
    }

    /**
     * A buffer for blocks of up to {@code maxRows × maxCols} entries, to be used by one thread at a
     * time.
     */
    public Product newProduct(int maxRows, int maxCols) {
        return new Product((long) maxRows * maxCols);
    }

    /**
     * {@code K0} for rows {@code [iFrom, iTo)} × columns {@code [jFrom, jTo)}, row-major in
     * {@code product.values()} (valid until the next call with the same buffer).
     *
     * @throws IllegalArgumentException when the block is larger than the buffer
     */
    public double[] block(int iFrom, int iTo, int jFrom, int jTo, Product product) {
        int rows = iTo - iFrom, cols = jTo - jFrom;
        long length = (long) rows * cols;
        if (length > product.heap.length) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " block does not fit a product buffer of "
                    + product.heap.length + " entries");
        }
        INDArray a = x1.get(NDArrayIndex.interval(iFrom, iTo), NDArrayIndex.all());
        INDArray b = x2.get(NDArrayIndex.interval(jFrom, jTo), NDArrayIndex.all());
        INDArray c = Nd4j.create(product.result.data(), new long[] {rows, cols}, new long[] {cols, 1}, 0, 'c');
        Nd4j.gemm(a, b, c, false, true, scale, 0.0);
        ((DoublePointer) product.result.data().addressPointer()).get(product.heap, 0, (int) length);
        return product.heap;
    }

    /** One thread's product buffer: the native BLAS result and its copy on the heap. */
    public static final class Product {
        private final INDArray result;
        private final double[] heap;

        private Product(long length) {
            if (length > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a product buffer of " + length + " entries is too large");
            }
            this.result = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {length}, 'c');
            this.heap = new double[(int) length];
        }
    }
}

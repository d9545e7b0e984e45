package org.ntk4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Blocks of the input covariance {@code K0[i, j] = x1_i · x2_j / D} of flat inputs of length
 * {@code D}, by BLAS matrix products (ND4J, dgemm), for {@link TileKernel}s.
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
        return Nd4j.create(flat, new long[] {rows.length, d}, 'c');
    }

    /** {@code K0} for rows {@code [iFrom, iTo)} × columns {@code [jFrom, jTo)}, row-major. */
    public double[] block(int iFrom, int iTo, int jFrom, int jTo) {
        INDArray a = x1.get(NDArrayIndex.interval(iFrom, iTo), NDArrayIndex.all());
        INDArray b = x2.get(NDArrayIndex.interval(jFrom, jTo), NDArrayIndex.all());
        INDArray c = a.mmul(b.transpose()).muli(scale);
        if (c.ordering() != 'c' || c.isView()) {
            c = c.dup('c');
        }
        return c.data().asDouble();
    }
}

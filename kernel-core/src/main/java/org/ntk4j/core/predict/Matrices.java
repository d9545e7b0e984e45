package org.ntk4j.core.predict;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

/** Checked conversions between ND4J arrays and EJML matrices. */
final class Matrices {
    private Matrices() {
    }

    /**
     * {@code a} as a dense row-major EJML copy, requiring a 2-D array of finite values.
     *
     * @throws IllegalArgumentException naming {@code name} if {@code a} is null, not 2-D or holds NaN/∞
     */
    static DMatrixRMaj toEjml(INDArray a, String name) {
        if (a == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (a.rank() != 2) {
            throw new IllegalArgumentException(name + " must be a 2-D matrix, got shape " + Arrays.toString(a.shape()));
        }
        int rows = Math.toIntExact(a.size(0));
        int cols = Math.toIntExact(a.size(1));
        double[] data = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < rows * cols; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException(name + " contains a non-finite value (" + data[i] + ") at ("
                        + i / cols + ", " + i % cols + ")");
            }
        }
        return new DMatrixRMaj(rows, cols, true, Arrays.copyOf(data, rows * cols));
    }

    /** {@code m} as a DOUBLE ND4J array (rows, cols), C order. */
    static INDArray toNd4j(DMatrixRMaj m) {
        Ntk4j.init();
        return Nd4j.create(Arrays.copyOf(m.data, m.numRows * m.numCols), new long[] {m.numRows, m.numCols}, 'c');
    }

    /** Requires {@code m} to have the given shape. */
    static void requireShape(DMatrixRMaj m, int rows, int cols, String name, String why) {
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(name + " must be (" + rows + ", " + cols + ") " + why + ", got ("
                    + m.numRows + ", " + m.numCols + ")");
        }
    }

    /** {@code m · diag(d)}: column j of {@code m} scaled by {@code d[j]}, as a new matrix. */
    static DMatrixRMaj scaleColumns(DMatrixRMaj m, double[] d) {
        DMatrixRMaj out = m.copy();
        for (int i = 0; i < m.numRows; i++) {
            int row = i * m.numCols;
            for (int j = 0; j < m.numCols; j++) {
                out.data[row + j] *= d[j];
            }
        }
        return out;
    }

    /** Replaces the square {@code m} by {@code (m + mᵀ)/2}, removing round-off asymmetry. */
    static void symmetrize(DMatrixRMaj m) {
        int n = m.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (m.unsafe_get(i, j) + m.unsafe_get(j, i));
                m.unsafe_set(i, j, v);
                m.unsafe_set(j, i, v);
            }
        }
    }
}

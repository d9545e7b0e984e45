package org.ntk4j.symmetry;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.core.InputShape;

/** An orthogonal {@code Cd × Cd} matrix acting on the flattened input: an element of O(Cd). */
final class MatrixElement implements GroupElement {
    private final DMatrixRMaj q;
    private final InputShape shape;
    private final String label;

    MatrixElement(DMatrixRMaj q, InputShape shape, String label) {
        this.q = q;
        this.shape = shape;
        this.label = label;
    }

    /** A user-given matrix, checked as {@link GroupElement#ofMatrix} says. */
    static MatrixElement of(double[][] q, InputShape shape) {
        int n = shape.size();
        return new MatrixElement(Orthogonal.require(q, n, "a group element on inputs of shape " + shape
                + " (flattened, Cd = " + n + ")"), shape, "matrix");
    }

    @Override
    public InputShape shape() {
        return shape;
    }

    @Override
    public void applyTo(double[] x, double[] out) {
        int n = q.numRows;
        double[] a = q.data;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                s += a[row + j] * x[j];
            }
            out[i] = s;
        }
    }

    /** A copy of the matrix. */
    DMatrixRMaj matrix() {
        return q.copy();
    }

    @Override
    public String toString() {
        return label + " element on " + shape;
    }
}

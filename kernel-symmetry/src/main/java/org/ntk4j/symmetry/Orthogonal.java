package org.ntk4j.symmetry;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Checks on orthogonal matrices. */
final class Orthogonal {
    /** Largest accepted {@code max|QᵀQ − I|} for a user-given matrix. */
    static final double TOLERANCE = 1e-10;

    private Orthogonal() {
    }

    /** {@code max_ij |(QᵀQ − I)_ij|}. */
    static double defect(DMatrixRMaj q) {
        DMatrixRMaj qtq = new DMatrixRMaj(q.numCols, q.numCols);
        CommonOps_DDRM.multTransA(q, q, qtq);
        double worst = 0;
        for (int i = 0; i < qtq.numRows; i++) {
            for (int j = 0; j < qtq.numCols; j++) {
                worst = Math.max(worst, Math.abs(qtq.get(i, j) - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }

    /**
     * {@code q} as a matrix, checked to be {@code n × n} and orthogonal to {@link #TOLERANCE}.
     *
     * @param what names the matrix in error messages
     */
    static DMatrixRMaj require(double[][] q, int n, String what) {
        if (q == null || q.length != n) {
            throw new IllegalArgumentException(what + " must be " + n + "×" + n + ", got "
                    + (q == null ? "null" : q.length + " rows"));
        }
        for (int i = 0; i < n; i++) {
            if (q[i] == null || q[i].length != n) {
                throw new IllegalArgumentException(what + " must be " + n + "×" + n + ", but row " + i + " has "
                        + (q[i] == null ? "no" : Integer.toString(q[i].length)) + " entries");
            }
        }
        DMatrixRMaj m = new DMatrixRMaj(q);
        double defect = defect(m);
        if (!(defect <= TOLERANCE)) {
            throw new IllegalArgumentException(what + " is not orthogonal: max|QᵀQ − I| = " + defect
                    + ", expected at most " + TOLERANCE);
        }
        return m;
    }
}

package org.ntk4j.symmetry;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * The matrix exponential {@code exp(A)} by scaling and squaring: {@code A} is scaled by
 * {@code 2^-s} until its 1-norm is at most 1/4, the Taylor series is summed until its terms fall
 * below machine precision, and the result is squared s times. For the small (C×C) matrices of this
 * package this is accurate to ~1e-15 relative.
 */
public final class MatrixExponential {
    private static final double SCALED_NORM = 0.25;
    private static final int MAX_TERMS = 30;

    private MatrixExponential() {
    }

    /** {@code exp(A)} of a square matrix. */
    public static DMatrixRMaj exp(DMatrixRMaj a) {
        if (a.numRows != a.numCols) {
            throw new IllegalArgumentException("exp needs a square matrix, got " + a.numRows + "×" + a.numCols);
        }
        int n = a.numRows;
        double norm = NormOps_DDRM.inducedP1(a);
        if (!Double.isFinite(norm)) {
            throw new IllegalArgumentException("exp needs a finite matrix, its 1-norm is " + norm);
        }
        int s = norm <= SCALED_NORM ? 0 : (int) Math.ceil(Math.log(norm / SCALED_NORM) / Math.log(2));
        DMatrixRMaj b = a.copy();
        CommonOps_DDRM.scale(Math.scalb(1.0, -s), b);
        DMatrixRMaj sum = CommonOps_DDRM.identity(n);
        DMatrixRMaj term = CommonOps_DDRM.identity(n);
        DMatrixRMaj next = new DMatrixRMaj(n, n);
        for (int k = 1; k <= MAX_TERMS; k++) {
            CommonOps_DDRM.mult(1.0 / k, term, b, next);
            DMatrixRMaj t = term;
            term = next;
            next = t;
            CommonOps_DDRM.addEquals(sum, term);
            if (NormOps_DDRM.inducedP1(term) <= 1e-18 * NormOps_DDRM.inducedP1(sum)) {
                break;
            }
        }
        for (int i = 0; i < s; i++) {
            CommonOps_DDRM.mult(sum, sum, next);
            DMatrixRMaj t = sum;
            sum = next;
            next = t;
        }
        return sum;
    }
}

package org.ntk4j.symmetry;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Haar-distributed (uniform) random orthogonal matrices. O(n): the QR decomposition G = QR of an
 * n×n matrix of independent standard normals, then column j of Q multiplied by sign(R_jj) — without
 * this sign fix the distribution of Q depends on the QR algorithm's sign convention and is not
 * Haar. SO(n): a Haar O(n) sample with its first column negated when its determinant is −1.
 */
public final class Haar {
    private Haar() {
    }

    /** A Haar-random n×n orthogonal matrix. */
    public static DMatrixRMaj orthogonal(RandomGenerator rng, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + n);
        }
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        for (int i = 0; i < g.data.length; i++) {
            g.data[i] = rng.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        if (!qr.decompose(g.copy())) {
            throw new IllegalStateException("QR decomposition of a Gaussian " + n + "×" + n + " matrix failed");
        }
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj r = qr.getR(null, false);
        for (int j = 0; j < n; j++) {
            if (r.get(j, j) < 0) {
                negateColumn(q, j);
            }
        }
        return q;
    }

    /** A Haar-random n×n rotation (orthogonal with determinant +1). */
    public static DMatrixRMaj special(RandomGenerator rng, int n) {
        DMatrixRMaj q = orthogonal(rng, n);
        if (CommonOps_DDRM.det(q) < 0) {
            negateColumn(q, 0);
        }
        return q;
    }

    private static void negateColumn(DMatrixRMaj q, int j) {
        for (int i = 0; i < q.numRows; i++) {
            q.set(i, j, -q.get(i, j));
        }
    }
}

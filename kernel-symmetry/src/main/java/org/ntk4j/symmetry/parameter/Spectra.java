package org.ntk4j.symmetry.parameter;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/** Singular values, symmetric eigen-decompositions and numerical ranks (EJML). */
public final class Spectra {
    private Spectra() {
    }

    /** The singular values of a row-major (rows × cols) matrix, largest first. */
    public static double[] singularValues(double[] a, int rows, int cols) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
        if (!svd.decompose(new DMatrixRMaj(rows, cols, true, a.clone()))) {
            throw new IllegalStateException("SVD failed on a " + rows + " x " + cols + " matrix");
        }
        double[] s = Arrays.copyOf(svd.getSingularValues(), Math.min(rows, cols));
        Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            double t = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = t;
        }
        return s;
    }

    /** The number of singular values above {@code threshold} (> 0). */
    public static int rank(double[] a, int rows, int cols, double threshold) {
        requirePositive(threshold, "rank threshold");
        int r = 0;
        for (double s : singularValues(a, rows, cols)) {
            if (s > threshold) {
                r++;
            }
        }
        return r;
    }

    /**
     * The numerical rank of a symmetric positive semi-definite (n × n) matrix: eigenvalues above
     * {@code relTol·λ_max}.
     */
    public static int psdRank(double[] a, int n, double relTol) {
        requirePositive(relTol, "relative tolerance");
        double[] l = symmetricEigen(a, n, null);
        double max = l[n - 1];
        int r = 0;
        for (double v : l) {
            if (v > relTol * max) {
                r++;
            }
        }
        return r;
    }

    /**
     * Eigenvalues of a symmetric (n × n) row-major matrix, ascending; with {@code vectors} non-null
     * (n × n) its columns receive the eigenvectors in the same order.
     */
    public static double[] symmetricEigen(double[] a, int n, double[] vectors) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, vectors != null, true);
        if (!eig.decompose(new DMatrixRMaj(n, n, true, a.clone()))) {
            throw new IllegalStateException("eigen-decomposition failed on a " + n + " x " + n + " matrix");
        }
        Integer[] order = new Integer[n];
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            l[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(order, (x, y) -> Double.compare(l[x], l[y]));
        double[] sorted = new double[n];
        for (int k = 0; k < n; k++) {
            sorted[k] = l[order[k]];
            if (vectors != null) {
                DMatrixRMaj v = eig.getEigenVector(order[k]);
                for (int i = 0; i < n; i++) {
                    vectors[i * n + k] = v.get(i, 0);
                }
            }
        }
        return sorted;
    }

    static void requirePositive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
    }

}

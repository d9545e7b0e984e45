package org.ntk4j.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

class GramSpectrumTest {
    private static final int N = 300;
    private final DMatrixRMaj gram = randomGram(N, 7);

    /** {@code A Aᵀ + I} for a Gaussian (n, n) matrix A: symmetric positive definite. */
    private static DMatrixRMaj randomGram(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        Arrays.setAll(a.data, i -> rng.nextGaussian());
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(a, a, g);
        for (int i = 0; i < n; i++) {
            g.add(i, i, 1);
        }
        return g;
    }

    @Test
    void eigenvectorsAndValuesReconstructTheRegularisedGram() {
        double lambda = 0.01;
        GramSpectrum s = GramSpectrum.of(gram, lambda, "test");
        DMatrixRMaj scaled = Matrices.scaleColumns(s.vectors(), s.values());
        DMatrixRMaj rebuilt = new DMatrixRMaj(N, N);
        CommonOps_DDRM.multTransB(scaled, s.vectors(), rebuilt);
        DMatrixRMaj expected = gram.copy();
        for (int i = 0; i < N; i++) {
            expected.add(i, i, s.regularizer());
        }
        assertEquals(lambda * CommonOps_DDRM.trace(gram) / N, s.regularizer(), 1e-12 * s.regularizer());
        assertTrue(maxAbsDiff(expected, rebuilt) <= 1e-10 * CommonOps_DDRM.elementMaxAbs(expected));
    }

    @Test
    void eigenvectorsAreOrthonormal() {
        DMatrixRMaj v = GramSpectrum.of(gram, 0, "test").vectors();
        DMatrixRMaj vtv = new DMatrixRMaj(N, N);
        CommonOps_DDRM.multTransA(v, v, vtv);
        assertTrue(maxAbsDiff(CommonOps_DDRM.identity(N), vtv) <= 1e-12);
    }

    @Test
    void eigenvaluesAgreeWithEjml() {
        double[] lapack = GramSpectrum.of(gram, 0, "test").values().clone();
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(N, false, true);
        assertTrue(eig.decompose(gram.copy()));
        double[] ejml = new double[N];
        Arrays.setAll(ejml, i -> eig.getEigenvalue(i).getReal());
        Arrays.sort(lapack);
        Arrays.sort(ejml);
        for (int i = 0; i < N; i++) {
            assertEquals(ejml[i], lapack[i], 1e-10 * Math.abs(ejml[i]), "eigenvalue " + i);
        }
    }

    private static double maxAbsDiff(DMatrixRMaj a, DMatrixRMaj b) {
        double d = 0;
        for (int i = 0; i < a.data.length; i++) {
            d = Math.max(d, Math.abs(a.data[i] - b.data[i]));
        }
        return d;
    }
}

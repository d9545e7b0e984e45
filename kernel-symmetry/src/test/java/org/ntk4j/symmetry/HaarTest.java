package org.ntk4j.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Haar sampling of O(n) and SO(n). */
class HaarTest {
    private static final int SAMPLES = 4000;
    /** Tolerances are this many standard errors of the mean. */
    private static final double Z = 5;

    @Test
    void samplesAreOrthogonalTo1e12() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int n : new int[] {1, 2, 3, 7, 40}) {
            assertTrue(Orthogonal.defect(Haar.orthogonal(rng, n)) < 1e-12, "n = " + n);
        }
    }

    /**
     * Uniform on the sphere S^{n−1}: every entry has mean 0 and E[q²] = 1/n, Var[q²] = 3/(n(n+2)) − 1/n².
     * Checking every entry's mean (not only the first column) catches a missing sign fix, which
     * biases the diagonal of Q.
     */
    @Test
    void entriesHaveTheMomentsOfTheUniformSphere() {
        int n = 3;
        SplittableRandom rng = new SplittableRandom(2);
        double[] mean = new double[n * n];
        double[] meanSq = new double[n * n];
        for (int s = 0; s < SAMPLES; s++) {
            DMatrixRMaj q = Haar.orthogonal(rng, n);
            for (int i = 0; i < n * n; i++) {
                mean[i] += q.data[i] / SAMPLES;
                meanSq[i] += q.data[i] * q.data[i] / SAMPLES;
            }
        }
        double seMean = Math.sqrt(1.0 / n / SAMPLES);
        double seSq = Math.sqrt((3.0 / (n * (n + 2)) - 1.0 / (n * n)) / SAMPLES);
        for (int i = 0; i < n * n; i++) {
            assertEquals(0, mean[i], Z * seMean, "mean of entry " + i);
            assertEquals(1.0 / n, meanSq[i], Z * seSq, "mean square of entry " + i);
        }
    }

    @Test
    void specialOrthogonalHasDeterminantOne() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int s = 0; s < 50; s++) {
            DMatrixRMaj q = Haar.special(rng, 4);
            assertEquals(1, CommonOps_DDRM.det(q), 1e-12);
            assertTrue(Orthogonal.defect(q) < 1e-12);
        }
    }

    @Test
    void bothDeterminantSignsOccurInO() {
        SplittableRandom rng = new SplittableRandom(4);
        int negative = 0;
        for (int s = 0; s < 200; s++) {
            negative += CommonOps_DDRM.det(Haar.orthogonal(rng, 3)) < 0 ? 1 : 0;
        }
        // Binomial(200, 1/2): standard deviation ~7.
        assertEquals(100, negative, 5 * Math.sqrt(50));
    }
}

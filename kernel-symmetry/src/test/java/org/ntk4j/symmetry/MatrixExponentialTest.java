package org.ntk4j.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.ntk4j.core.InputShape;

/** The matrix exponential and rotation paths τ_t = exp(−tA). */
class MatrixExponentialTest {
    @Test
    void exponentialOfA3x3SkewMatrixIsRodrigues() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int s = 0; s < 20; s++) {
            double[] w = {3 * rng.nextGaussian(), 3 * rng.nextGaussian(), 3 * rng.nextGaussian()};
            DMatrixRMaj a = new DMatrixRMaj(new double[][] {{0, -w[2], w[1]}, {w[2], 0, -w[0]}, {-w[1], w[0], 0}});
            double theta = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
            DMatrixRMaj k = a.copy();
            CommonOps_DDRM.scale(1 / theta, k);
            DMatrixRMaj k2 = new DMatrixRMaj(3, 3);
            CommonOps_DDRM.mult(k, k, k2);
            DMatrixRMaj expected = CommonOps_DDRM.identity(3);
            CommonOps_DDRM.addEquals(expected, Math.sin(theta), k);
            CommonOps_DDRM.addEquals(expected, 1 - Math.cos(theta), k2);
            DMatrixRMaj got = MatrixExponential.exp(a);
            for (int i = 0; i < 9; i++) {
                assertEquals(expected.data[i], got.data[i], 1e-13, "theta = " + theta);
            }
        }
    }

    @Test
    void exponentialOfADiagonalMatrixIsElementwise() {
        DMatrixRMaj a = CommonOps_DDRM.diag(-2.0, 0.0, 5.0);
        DMatrixRMaj e = MatrixExponential.exp(a);
        assertEquals(Math.exp(-2), e.get(0, 0), 1e-15);
        assertEquals(1, e.get(1, 1), 1e-15);
        assertEquals(Math.exp(5), e.get(2, 2), 1e-13 * Math.exp(5));
        assertEquals(0, e.get(0, 2), 0);
    }

    @Test
    void pathStartsAtTheIdentityAndStaysOrthogonal() {
        InputShape shape = new InputShape(new int[] {3, 3}, 3);
        RotationPath path = RotationPath.random(new SplittableRandom(6), shape);
        ChannelMatrixElement start = (ChannelMatrixElement) path.at(0);
        for (int p = 0; p < shape.positions(); p++) {
            DMatrixRMaj b = start.block(p);
            assertEquals(0, maxDiffFromIdentity(b), "tau_0 = I at pixel " + p);
        }
        for (double t : new double[] {0.1, 0.5, 1.0}) {
            ChannelMatrixElement tau = (ChannelMatrixElement) path.at(t);
            for (int p = 0; p < shape.positions(); p++) {
                DMatrixRMaj b = tau.block(p);
                assertTrue(Orthogonal.defect(b) < 1e-12, "t = " + t + ", pixel " + p);
                assertEquals(1, CommonOps_DDRM.det(b), 1e-12, "in SO(3)");
            }
        }
    }

    @Test
    void pathAtOneIsTheExponentialOfMinusTheGenerator() {
        InputShape shape = new InputShape(new int[] {2}, 3);
        RotationPath path = RotationPath.random(new SplittableRandom(7), shape);
        DMatrixRMaj minusA = path.generator(1);
        CommonOps_DDRM.scale(-1, minusA);
        DMatrixRMaj expected = MatrixExponential.exp(minusA);
        DMatrixRMaj got = ((ChannelMatrixElement) path.at(1)).block(1);
        for (int i = 0; i < 9; i++) {
            assertEquals(expected.data[i], got.data[i], 1e-15);
        }
    }

    @Test
    void pathParameterOutsideTheUnitIntervalIsRejected() {
        RotationPath path = RotationPath.random(new SplittableRandom(8), new InputShape(new int[] {2, 2}, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> path.at(1.5));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    private static double maxDiffFromIdentity(DMatrixRMaj b) {
        double worst = 0;
        for (int i = 0; i < b.numRows; i++) {
            for (int j = 0; j < b.numCols; j++) {
                worst = Math.max(worst, Math.abs(b.get(i, j) - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }
}

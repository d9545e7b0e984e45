package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;
import static org.ntk4j.testkit.KernelAsserts.assertClose;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Padding;
import org.ntk4j.testkit.Seeded;

/** Exact identities every kernel must satisfy (SPEC: "How correctness is established", 1). */
class IdentityTest {

    @Test
    void reluAtCorrelationPlusOneHalvesTheCovarianceAndTheNtk() {
        INDArray x = Seeded.gaussian(1, 1, 5);
        INDArray x2 = x.mul(2.5);
        Kernel k = serial(dense(3, 1.3), relu()).kernel(x, x2);
        double q12 = 1.3 * 1.3 * 2.5 * x.mul(x).sumNumber().doubleValue() / 5;
        assertEquals(q12 / 2, k.nngp().getDouble(0, 0), 1e-15 * q12);
        // ntk before the ReLU equals nngp (ntk parameterisation, no bias); K̇ = 1/2.
        assertEquals(q12 / 2, k.ntk().getDouble(0, 0), 1e-15 * q12);
    }

    /**
     * At correlation ±1 the arc-cosine kernel is only √ε-accurate in any implementation: the
     * covariances x·x' (one BLAS product for the block) and x·x, x'·x' (per input) round differently,
     * so q11·q22 − q12² is a few ε·q² instead of 0, and θ = arccos ρ, whose slope is infinite there,
     * moves by its square root. Tolerances at ρ = −1 are therefore 1e-7 of the covariance scale.
     */
    private static final double AT_MINUS_ONE = 1e-7;

    @Test
    void reluAtCorrelationMinusOneIsZero() {
        INDArray x = Seeded.gaussian(2, 1, 5);
        Kernel k = serial(dense(3, 1.3), relu()).kernel(x, x.mul(-0.7));
        double q = 1.3 * 1.3 * 0.7 * x.mul(x).sumNumber().doubleValue() / 5;
        assertEquals(0.0, k.nngp().getDouble(0, 0), AT_MINUS_ONE * q);
        assertEquals(0.0, k.ntk().getDouble(0, 0), AT_MINUS_ONE * q);
    }

    @Test
    void abReluAtCorrelationMinusOneIsABTimesTheCovariance() {
        INDArray x = Seeded.gaussian(3, 1, 4);
        double a = -0.3, b = 1.7;
        Kernel k = serial(dense(3, 1.0), abRelu(a, b)).kernel(x, x.mul(-2.0));
        double q12 = -2.0 * x.mul(x).sumNumber().doubleValue() / 4;
        assertEquals(a * b * q12, k.nngp().getDouble(0, 0), AT_MINUS_ONE * Math.abs(q12));
        assertEquals(a * b * q12, k.ntk().getDouble(0, 0), AT_MINUS_ONE * Math.abs(q12));
    }

    @ParameterizedTest
    @EnumSource(Padding.class)
    void convLocalWithFlattenEqualsConvWithFlatten2d(Padding padding) {
        INDArray x = Seeded.gaussian(4, 3, 6, 5, 2);
        Layer vec = serial(conv(1, 3, 2).padding(padding).wStd(1.4).bStd(0.2), relu(),
                conv(1, 2, 3).padding(padding).strides(1, 2).wStd(1.2).bStd(0.1), erf(), flatten(), dense(1, 1.1, 0.3));
        Layer lcn = serial(convLocal(1, 3, 2).padding(padding).wStd(1.4).bStd(0.2), relu(),
                convLocal(1, 2, 3).padding(padding).strides(1, 2).wStd(1.2).bStd(0.1), erf(), flatten(),
                dense(1, 1.1, 0.3));
        Kernel kv = vec.kernel(x), kl = lcn.kernel(x);
        assertClose(kv.nngp(), kl.nngp(), 1e-14, "nngp");
        assertClose(kv.ntk(), kl.ntk(), 1e-14, "ntk");
    }

    @Test
    void convLocalWithFlattenEqualsConvWithFlatten1dStandard() {
        INDArray x = Seeded.gaussian(5, 4, 9, 3);
        Layer vec = serial(conv(4, 3).strides(2).padding(SAME).wStd(1.5).parameterization(STANDARD), relu(), flatten(),
                dense(1));
        Layer lcn = serial(convLocal(4, 3).strides(2).padding(SAME).wStd(1.5).parameterization(STANDARD), relu(),
                flatten(), dense(1));
        assertClose(vec.kernel(x).ntk(), lcn.kernel(x).ntk(), 1e-14, "ntk");
    }

    @Test
    void convLocalOutputIsZeroOffTheSpatialDiagonal() {
        INDArray x = Seeded.gaussian(6, 2, 4, 4, 2);
        Network n = Network.compile(serial(convLocal(1, 3, 3).padding(SAME).bStd(0.5)), org.ntk4j.core.InputShape
                .ofBatchShape(x.shape()), true);
        double[][] rows = org.ntk4j.core.Inputs.rows(x, "x");
        double[] nngp = new double[n.outputShape().length()];
        double[] chain = new double[n.chainLength()];
        n.pair(rows[0], chain, rows[1], chain, n.newWorkspace(), nngp, null, 0);
        int p = 16;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                if (i != j) {
                    assertEquals(0.0, nngp[i * p + j], "off-diagonal (" + i + "," + j + ")");
                } else {
                    assertTrue(nngp[i * p + j] != 0.0);
                }
            }
        }
    }

    /** Full-storage output of a network without readout: its diagonal equals the diagonal-storage output. */
    @ParameterizedTest
    @EnumSource(Padding.class)
    void fullAndDiagonalStorageAgree(Padding padding) {
        INDArray x = Seeded.gaussian(7, 3, 7, 6, 2);
        Layer net = serial(conv(1, 3, 3).padding(padding).wStd(1.5).bStd(0.1), relu(),
                conv(1, 2, 2).padding(padding).wStd(1.3).bStd(0.2), abs(), conv(1, 3, 1).padding(padding));
        org.ntk4j.core.InputShape shape = org.ntk4j.core.InputShape.ofBatchShape(x.shape());
        Network full = Network.compile(net, shape, true);
        Network diag = Network.compile(net, shape, false);
        assertTrue(full.inputKernelShape().full());
        assertTrue(!diag.inputKernelShape().full());
        double[][] rows = org.ntk4j.core.Inputs.rows(x, "x");
        int p = diag.outputShape().positions();
        double[] chainF = new double[full.chainLength()], chainD = new double[diag.chainLength()];
        double[] chainF2 = new double[full.chainLength()], chainD2 = new double[diag.chainLength()];
        double[] outF = new double[p * p], outD = new double[p], ntkF = new double[p * p], ntkD = new double[p];
        full.self(rows[0], chainF, full.newWorkspace(), outF, ntkF, 0);
        diag.self(rows[0], chainD, diag.newWorkspace(), outD, ntkD, 0);
        assertArrayEquals(chainD, chainF, 1e-13, "variance chains");
        full.self(rows[1], chainF2, full.newWorkspace(), outF, ntkF, 0);
        diag.self(rows[1], chainD2, diag.newWorkspace(), outD, ntkD, 0);
        full.pair(rows[0], chainF, rows[1], chainF2, full.newWorkspace(), outF, ntkF, 0);
        diag.pair(rows[0], chainD, rows[1], chainD2, diag.newWorkspace(), outD, ntkD, 0);
        for (int i = 0; i < p; i++) {
            assertEquals(outD[i], outF[i * p + i], 1e-13 * Math.abs(outD[i]) + 1e-15, "nngp diagonal " + i);
            assertEquals(ntkD[i], ntkF[i * p + i], 1e-13 * Math.abs(ntkD[i]) + 1e-15, "ntk diagonal " + i);
        }
    }

    /** A window-1 pooling forces full storage on a Flatten network; the result must not change. */
    @Test
    void flattenReadoutGivesTheSameKernelThroughFullStorage() {
        INDArray x = Seeded.gaussian(8, 4, 5, 5, 3);
        Layer diag = serial(conv(1, 3, 3).padding(SAME).wStd(1.5).bStd(0.1), relu(), conv(1, 3, 3).wStd(1.5),
                relu(), flatten(), dense(1, 1.5, 0.1));
        Layer full = serial(conv(1, 3, 3).padding(SAME).wStd(1.5).bStd(0.1), relu(), conv(1, 3, 3).wStd(1.5),
                relu(), avgPool(1, 1), flatten(), dense(1, 1.5, 0.1));
        assertTrue(((Network) full.compile(org.ntk4j.core.InputShape.ofBatchShape(x.shape()))).inputKernelShape().full());
        Kernel a = diag.kernel(x), b = full.kernel(x);
        assertClose(a.nngp(), b.nngp(), 1e-13, "nngp");
        assertClose(a.ntk(), b.ntk(), 1e-13, "ntk");
    }

    @Test
    void flattenFirstUsesTheFlattenedInputCovariance() {
        INDArray x = Seeded.gaussian(9, 3, 4, 4, 3);
        INDArray flat = x.reshape('c', 3, 48);
        Kernel a = serial(flatten(), dense(1, 1.2, 0.1), relu(), dense(1)).kernel(x);
        Kernel b = serial(dense(1, 1.2, 0.1), relu(), dense(1)).kernel(flat);
        assertClose(b.nngp(), a.nngp(), 1e-14, "nngp");
        assertClose(b.ntk(), a.ntk(), 1e-14, "ntk");
    }

    @Test
    void tiledMultithreadedGramEqualsOneShotBitForBit() {
        INDArray x = Seeded.gaussian(10, 13, 5, 5, 2);
        Layer net = serial(conv(1, 3, 3).padding(CIRCULAR).wStd(1.5).bStd(0.1), relu(), globalAvgPool(), dense(1));
        Kernel oneShot = Gram.of(net).threads(1).tileSize(1000).compute(x);
        Kernel tiled = Gram.of(net).threads(2).tileSize(3).compute(x);
        assertArrayEquals(oneShot.nngp().data().asDouble(), tiled.nngp().data().asDouble());
        assertArrayEquals(oneShot.ntk().data().asDouble(), tiled.ntk().data().asDouble());
        INDArray y = Seeded.gaussian(11, 7, 5, 5, 2);
        Kernel c1 = Gram.of(net).threads(1).tileSize(1000).compute(x, y);
        Kernel c2 = Gram.of(net).threads(2).tileSize(2).compute(x, y);
        assertArrayEquals(c1.ntk().data().asDouble(), c2.ntk().data().asDouble());
    }

    @Test
    void symmetricPathEqualsTheGeneralPath() {
        INDArray x = Seeded.gaussian(12, 6, 4, 4, 3);
        Layer net = serial(conv(1, 3, 3).padding(SAME).wStd(1.5).bStd(0.1), relu(), avgPool(2, 2).strides(2, 2),
                flatten(), dense(1, 1.5, 0.1));
        Kernel sym = net.kernel(x);
        Kernel gen = net.kernel(x, x.dup());
        // The general path computes K(x_j, x_i) itself; the symmetric one mirrors K(x_i, x_j): equal up to rounding.
        assertClose(gen.nngp(), sym.nngp(), 1e-14, "nngp");
        assertClose(gen.ntk(), sym.ntk(), 1e-14, "ntk");
        for (int i = 0; i < 6; i++) {
            assertEquals(gen.nngp().getDouble(i, i), sym.nngp().getDouble(i, i), "diagonal " + i);
            assertEquals(gen.ntk().getDouble(i, i), sym.ntk().getDouble(i, i), "diagonal " + i);
        }
    }

    @Test
    void gramIsSymmetricAndPositiveSemidefinite() {
        INDArray x = Seeded.gaussian(13, 12, 6, 6, 3);
        Layer net = serial(conv(1, 3, 3).padding(SAME).wStd(1.5).bStd(0.1), relu(), conv(1, 3, 3).padding(SAME)
                .wStd(1.5), relu(), globalAvgPool(), dense(1, 1.5, 0.1));
        Kernel k = net.kernel(x);
        for (INDArray m : new INDArray[] {k.nngp(), k.ntk()}) {
            assertClose(m, m.transpose(), 0.0, "symmetry");
            DMatrixRMaj a = new DMatrixRMaj(12, 12, true, m.dup('c').data().asDouble());
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(12, false, true);
            assertTrue(eig.decompose(a));
            double trace = 0, min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < 12; i++) {
                trace += a.get(i, i);
                min = Math.min(min, eig.getEigenvalue(i).real);
            }
            assertTrue(min >= -1e-10 * trace, "smallest eigenvalue " + min + " vs trace " + trace);
        }
    }

    @Test
    void swappingX1AndX2Transposes() {
        INDArray x1 = Seeded.gaussian(14, 4, 5, 4, 2);
        INDArray x2 = Seeded.gaussian(15, 3, 5, 4, 2);
        Layer net = serial(conv(1, 3, 2).padding(SAME).wStd(1.5).bStd(0.1), leakyRelu(0.1),
                avgPool(new int[] {2, 2}, new int[] {1, 2}, SAME, true), conv(1, 2, 2).wStd(1.1), erf(0.7, 1.3, 0.2),
                globalAvgPool(), dense(1, 1.2, 0.05));
        Kernel a = net.kernel(x1, x2), b = net.kernel(x2, x1);
        assertClose(a.nngp(), b.nngp().transpose(), 1e-14, "nngp");
        assertClose(a.ntk(), b.ntk().transpose(), 1e-14, "ntk");
    }

    @Test
    void swappingInputsTransposesTheFullSpatialCovariance() {
        INDArray x1 = Seeded.gaussian(16, 1, 4, 3, 2);
        INDArray x2 = Seeded.gaussian(17, 1, 4, 3, 2);
        Layer net = serial(conv(1, 3, 3).padding(SAME).wStd(1.5), relu(), conv(1, 2, 2).padding(CIRCULAR));
        org.ntk4j.core.InputShape shape = org.ntk4j.core.InputShape.ofBatchShape(x1.shape());
        Network full = Network.compile(net, shape, true);
        double[] r1 = org.ntk4j.core.Inputs.rows(x1, "x1")[0], r2 = org.ntk4j.core.Inputs.rows(x2, "x2")[0];
        double[] c1 = new double[full.chainLength()], c2 = new double[full.chainLength()];
        int len = full.outputShape().length(), p = full.outputShape().positions();
        double[] scratch = new double[len], ab = new double[len], ba = new double[len];
        full.self(r1, c1, full.newWorkspace(), scratch, null, 0);
        full.self(r2, c2, full.newWorkspace(), scratch, null, 0);
        full.pair(r1, c1, r2, c2, full.newWorkspace(), ab, null, 0);
        full.pair(r2, c2, r1, c1, full.newWorkspace(), ba, null, 0);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                assertEquals(ab[i * p + j], ba[j * p + i], 1e-14 * Math.abs(ab[i * p + j]) + 1e-16);
            }
        }
    }

    @Test
    void fanInSumOfTwoDenseBranchesAddsTheirKernels() {
        INDArray x = Seeded.gaussian(18, 5, 7);
        Layer residual = serial(fanOut(2), parallel(dense(1, 1.5, 0.2), dense(1, 0.5)), fanInSum());
        Kernel k = residual.kernel(x);
        Kernel a = dense(1, 1.5, 0.2).kernel(x), b = dense(1, 0.5).kernel(x);
        assertClose(a.nngp().add(b.nngp()), k.nngp(), 1e-15, "nngp");
        assertClose(a.ntk().add(b.ntk()), k.ntk(), 1e-15, "ntk");
    }

    @Test
    void fanInConcatWeighsBranchesByChannels() {
        INDArray x = Seeded.gaussian(19, 5, 7);
        Layer concat = serial(fanOut(2), parallel(dense(3, 1.5, 0.2), dense(1, 0.5)), fanInConcat(), dense(1));
        Kernel k = concat.kernel(x);
        Kernel a = dense(3, 1.5, 0.2).kernel(x), b = dense(1, 0.5).kernel(x);
        assertClose(a.nngp().mul(3).add(b.nngp()).div(4), k.nngp(), 1e-15, "nngp");
    }
}

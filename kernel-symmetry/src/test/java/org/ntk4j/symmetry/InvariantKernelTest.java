package org.ntk4j.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Kernel;
import org.ntk4j.layers.Layer;
import org.ntk4j.testkit.KernelAsserts;

/** Group-averaged kernels: invariance in each argument, symmetry, PSD, and the plain average. */
class InvariantKernelTest {
    private static final InputShape SHAPE = new InputShape(new int[] {4, 4}, 2);
    private static final INDArray X = RandomInputs.gaussian(31, 4, 4, 4, 2);
    private static final INDArray Y = RandomInputs.gaussian(32, 3, 4, 4, 2);
    private static final Layer GAP = PaperNetworks.small().withDepth(1).network(Architecture.GAP);

    @Test
    void exactAverageIsInvariantInEachArgumentSeparately() {
        for (FiniteGroup g : List.of(Groups.c4(), Groups.translation())) {
            InvariantKernel kg = InvariantKernel.of(GAP, g);
            Kernel k = kg.kernel(X, Y);
            for (GroupElement h : g.elements(SHAPE)) {
                Kernel moved = kg.kernel(h.apply(X), Y);
                assertTrue(Invariance.relative(moved.nngp(), k.nngp()) < 1e-10, g.name());
                assertTrue(Invariance.relative(moved.ntk(), k.ntk()) < 1e-10, g.name());
            }
        }
    }

    @Test
    void exactAverageIsSymmetricAndPositiveSemiDefinite() {
        InvariantKernel kg = InvariantKernel.of(GAP, Groups.c4());
        Kernel cross = kg.kernel(X, X.dup());
        for (INDArray m : new INDArray[] {cross.nngp(), cross.ntk()}) {
            assertTrue(Invariance.relative(m.transpose(), m) < 1e-12, "symmetric");
            assertTrue(smallestEigenvalue(m) > -1e-12 * m.amaxNumber().doubleValue(), "PSD");
        }
    }

    @Test
    void equalsTheMeanOfTheBaseKernelOverTheElements() {
        Kernel kg = InvariantKernel.of(GAP, Groups.c4()).kernel(X, Y);
        INDArray sum = null;
        for (GroupElement g : Groups.c4().elements(SHAPE)) {
            INDArray k = Gram.of(GAP).nngpOnly().compute(X, g.apply(Y)).nngp();
            sum = sum == null ? k : sum.add(k);
        }
        assertTrue(Invariance.relative(kg.nngp(), sum.div(4)) < 1e-14);
    }

    @Test
    void monteCarloAverageIsSeededAndFinite() {
        InvariantKernel kg = InvariantKernel.monteCarlo(GAP, Groups.pixelwiseOrthogonal(), 3, 9);
        assertEquals(3, kg.elements(SHAPE).size());
        Kernel a = kg.kernel(X, Y);
        Kernel b = kg.kernel(X, Y);
        assertEquals(0, KernelAsserts.maxAbsDiff(a.nngp(), b.nngp()));
    }

    @Test
    void averageOverTheIdentityIsTheBaseKernel() {
        Kernel base = GAP.kernel(X);
        Kernel kg = InvariantKernel.of(GAP, Groups.identity()).kernel(X);
        assertTrue(Invariance.relative(kg.nngp(), base.nngp()) < 1e-15);
        assertTrue(Invariance.relative(kg.ntk(), base.ntk()) < 1e-15);
    }

    private static double smallestEigenvalue(INDArray m) {
        int n = (int) m.size(0);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.set(i, j, m.getDouble(i, j));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        eig.decompose(a);
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, eig.getEigenvalue(i).getReal());
        }
        return min;
    }
}

package org.ntk4j.layers.finite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;
import static org.ntk4j.layers.finite.MonteCarloTest.inputs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Kernel;
import org.ntk4j.layers.Layer;
import org.ntk4j.testkit.KernelAsserts;

/** Reproducibility, input checks and the heavy width-1024 agreement of {@link MonteCarlo}. */
class MonteCarloApiTest {
    private static final Layer NET = serial(dense(64, 1.5, 0.1), relu(), dense(8, 1.5, 0.1));

    @Test
    void sameSeedGivesTheSameEstimateOnAnyThreadCount() {
        INDArray x = inputs(1, 3, 4);
        Kernel one = MonteCarlo.of(NET).samples(6).seed(3).threads(1).compute(x);
        Kernel two = MonteCarlo.of(NET).samples(6).seed(3).threads(2).compute(x);
        assertEquals(one.nngp(), two.nngp());
        assertEquals(one.ntk(), two.ntk());
        assertNotEquals(one.nngp(), MonteCarlo.of(NET).samples(6).seed(4).threads(2).compute(x).nngp());
    }

    @Test
    void crossKernelIsTheBlockOfTheJointKernel() {
        INDArray x = inputs(1, 3, 4);
        Kernel self = MonteCarlo.of(NET).samples(4).seed(2).compute(x);
        Kernel cross = MonteCarlo.of(NET).samples(4).seed(2).compute(x, x.dup());
        KernelAsserts.assertClose(self.nngp(), cross.nngp(), 1e-10, "nngp");
        KernelAsserts.assertClose(self.ntk(), cross.ntk(), 1e-10, "ntk");
    }

    @Test
    void nngpOnlySkipsTheNtk() {
        INDArray x = inputs(1, 3, 4);
        Kernel k = MonteCarlo.of(NET).samples(3).nngpOnly().compute(x);
        assertNull(k.ntk());
        assertEquals(MonteCarlo.of(NET).samples(3).compute(x).nngp(), k.nngp());
    }

    @Test
    void rejectsBadInputsAndNetworksWithoutReadout() {
        MonteCarlo mc = MonteCarlo.of(NET).samples(2);
        assertThrows(IllegalArgumentException.class, () -> mc.compute(inputs(1, 3, 4), inputs(2, 3, 5)));
        INDArray nan = inputs(1, 3, 4);
        nan.putScalar(1, 2, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> mc.compute(nan));
        IllegalArgumentException noReadout = assertThrows(IllegalArgumentException.class,
                () -> MonteCarlo.of(serial(conv(4, 2), relu(), conv(3, 2))).samples(2).compute(inputs(1, 2, 5, 2)));
        assertTrue(noReadout.getMessage().contains("spatial"), noReadout.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MonteCarlo.of(serial(conv(4, 2), flatten(), relu(), dense(1))).samples(2).compute(inputs(1, 2, 5, 2)));
        assertThrows(IllegalArgumentException.class, () -> MonteCarlo.of(NET).samples(0));
        assertThrows(IllegalArgumentException.class, () -> MonteCarlo.of(NET).threads(0));
    }

    @Test
    void oneDrawKernelIsTheEmpiricalKernelOfApply() {
        INDArray x = inputs(5, 3, 4);
        FiniteNetwork f = FiniteNetwork.of(NET, org.ntk4j.core.Inputs.shapeOf(x, "x"));
        Params p = f.init(new java.util.SplittableRandom(1));
        INDArray y = f.apply(p, x);
        Kernel k = f.kernel(p, x, x);
        KernelAsserts.assertClose(y.mmul(y.transpose()).div(8), k.nngp(), 1e-12, "nngp = f·fᵀ/K");
    }

    /**
     * Width 1024, 200 draws, two hidden conv layers: error ≤ 0.03. Slow (a first run was stopped
     * unfinished after 6 minutes on 2 cores; expect 10 minutes or more).
     */
    @Test
    @EnabledIfSystemProperty(named = "ntk4j.heavy", matches = "true")
    void heavyDeepCnnAgreesAtWidth1024() {
        Layer net = serial(conv(1024, 3, 3).padding(CIRCULAR).wStd(1.4).bStd(0.1), relu(),
                conv(1024, 3, 3).padding(CIRCULAR).wStd(1.4).bStd(0.1), relu(), globalAvgPool(), dense(64, 1.4, 0.1));
        INDArray x = inputs(3, 3, 4, 4, 3);
        Kernel exact = net.kernel(x);
        Kernel mc = MonteCarlo.of(net).samples(200).seed(1).threads(2).compute(x);
        assertTrue(KernelAsserts.relativeFrobenius(exact.nngp(), mc.nngp()) <= 0.03);
        assertTrue(KernelAsserts.relativeFrobenius(exact.ntk(), mc.ntk()) <= 0.03);
    }
}

package org.ntk4j.layers.finite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Kernel;
import org.ntk4j.layers.Layer;
import org.ntk4j.testkit.KernelAsserts;

/**
 * Finite-width networks with LayerNorm, Dropout (test mode), SumPool/GlobalSumPool and FanInProd
 * converge to the analytic kernels: relative Frobenius error ≤ 0.05 for NNGP and NTK, with the same
 * reasoning as {@link MonteCarloTest} (hidden width 256 here, 100 draws, a 64-unit readout; at most
 * about 3 s per case on 2 cores).
 */
class StructuralMonteCarloTest {
    private static final int WIDTH = 256;
    private static final int READOUT = 64;
    private static final double TOL = 0.05;

    static Stream<Arguments> networks() {
        INDArray vec = MonteCarloTest.inputs(1, 4, 5);
        INDArray seq = MonteCarloTest.inputs(4, 3, 6, 2);
        return Stream.of(
                Arguments.of("LayerNorm FCN", serial(dense(WIDTH, 1.5, 0.1), layerNorm(), relu(), dense(READOUT, 1.5, 0.1)), vec),
                Arguments.of("LayerNorm 1D CNN", serial(conv(WIDTH, 3).padding(SAME).wStd(1.4).bStd(0.1), layerNorm(), relu(),
                        globalAvgPool(), dense(READOUT, 1.4, 0.1)), seq),
                Arguments.of("Dropout test FCN", serial(dense(WIDTH, 1.5, 0.1), relu(), dropout(0.5, "test"),
                        dense(READOUT, 1.5, 0.1)), vec),
                Arguments.of("SumPool 1D SAME", serial(conv(WIDTH, 3).padding(SAME).wStd(1.4).bStd(0.1), relu(),
                        sumPool(new int[] {2}, new int[] {2}, SAME), flatten(), dense(READOUT, 1.4, 0.1)), seq),
                Arguments.of("GlobalSumPool 1D", serial(conv(WIDTH, 3).padding(CIRCULAR).wStd(1.4).bStd(0.1), relu(),
                        globalSumPool(), dense(READOUT, 0.5, 0.1)), seq),
                // A product of two Gaussian units has heavy tails (E[z⁴] = 9·E[z²]²), so its per-draw fluctuation is
                // larger: branches straight from the input (no random stem) and 200 draws (0.05 was 2σ at 100).
                Arguments.of("FanInProd FCN (200 draws)", serial(fanOut(2), parallel(dense(WIDTH, 1.2, 0.3),
                        dense(WIDTH, 0.9, 0.2)), fanInProd(), dense(READOUT, 1.1, 0.1)), vec));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("networks")
    void monteCarloAgreesWithAnalytic(String name, Layer net, INDArray x) {
        Kernel exact = net.kernel(x);
        long t0 = System.nanoTime();
        Kernel mc = MonteCarlo.of(net).samples(name.contains("200 draws") ? 200 : 100).seed(5).threads(2).compute(x, x);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double nngpErr = KernelAsserts.relativeFrobenius(exact.nngp(), mc.nngp());
        double ntkErr = KernelAsserts.relativeFrobenius(exact.ntk(), mc.ntk());
        System.out.printf("MC %-20s nngp %.4f ntk %.4f  %.1f s%n", name, nngpErr, ntkErr, seconds);
        assertTrue(nngpErr <= TOL, name + ": NNGP relative Frobenius error " + nngpErr);
        assertTrue(ntkErr <= TOL, name + ": NTK relative Frobenius error " + ntkErr);
    }

    @Test
    void dropoutInTrainModeHasNoFiniteWidthForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FiniteNetwork.of(serial(dense(4), dropout(0.5), dense(1)), new InputShape(new int[0], 5)));
        assertEquals("Dropout(rate=0.5, mode=train): no finite-width form in train mode (it would need a random mask per "
                + "forward pass); use mode 'test' (the identity) for finite networks", e.getMessage());
    }
}

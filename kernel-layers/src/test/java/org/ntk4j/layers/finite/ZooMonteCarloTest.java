package org.ntk4j.layers.finite;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Kernel;
import org.ntk4j.layers.Layer;
import org.ntk4j.testkit.KernelAsserts;

/**
 * Finite random networks with the zoo's smooth nonlinearities (Gelu, Sin, Exp, Gaussian) converge
 * to the analytic NNGP and NTK: one hidden layer of width 256 (Gelu 128: its φ calls Commons Math's
 * erf, which is slow), a 64-unit readout, 200 draws, the same 0.05 relative Frobenius tolerance and
 * reasoning as {@link MonteCarloTest}: about 1.3% standard deviation for the readout's NNGP
 * (sqrt(2/(draws·units))), plus the hidden layer's per-draw fluctuation sqrt(2/width)/sqrt(draws)
 * ≈ 0.6%, and an O(1/width) bias under 1%. The NTK also checks each layer's {@code derivative},
 * which the finite network's backpropagation uses. 4 inputs of dimension 5 keep each case to
 * about 1–3 s on 2 shared cores.
 */
class ZooMonteCarloTest {
    private static final int WIDTH = 256;
    private static final int READOUT = 64;
    private static final int DRAWS = 200;
    private static final double TOL = 0.05;

    static Stream<Arguments> networks() {
        INDArray x1 = MonteCarloTest.inputs(1, 4, 5);
        INDArray x2 = MonteCarloTest.inputs(2, 3, 5);
        return Stream.of(
                Arguments.of("Sin(1.2, 0.9, 0.3)", serial(dense(WIDTH, 1.3, 0.2), sin(1.2, 0.9, 0.3),
                        dense(READOUT, 1.3, 0.2)), x1, x1),
                Arguments.of("Exp(0.8, 0.5)", serial(dense(WIDTH, 1.0, 0.1), exp(0.8, 0.5), dense(READOUT, 1.2, 0.1)),
                        x1, x1),
                Arguments.of("Gaussian(1.1, -0.6) x1,x2", serial(dense(WIDTH, 1.3, 0.2), gaussian(1.1, -0.6),
                        dense(READOUT, 1.3, 0.2)), x1, x2),
                Arguments.of("Gelu (width 128)", serial(dense(WIDTH / 2, 1.3, 0.2), gelu(), dense(READOUT, 1.3, 0.2)), x1, x1));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("networks")
    void monteCarloAgreesWithAnalytic(String name, Layer net, INDArray x1, INDArray x2) {
        Kernel exact = x1 == x2 ? net.kernel(x1) : net.kernel(x1, x2);
        long t0 = System.nanoTime();
        Kernel mc = MonteCarlo.of(net).samples(DRAWS).seed(11).threads(2).compute(x1, x2);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double nngpErr = KernelAsserts.relativeFrobenius(exact.nngp(), mc.nngp());
        double ntkErr = KernelAsserts.relativeFrobenius(exact.ntk(), mc.ntk());
        System.out.printf("MC %-28s nngp %.4f ntk %.4f  %.2f s%n", name, nngpErr, ntkErr, seconds);
        assertTrue(nngpErr <= TOL, name + ": NNGP relative Frobenius error " + nngpErr);
        assertTrue(ntkErr <= TOL, name + ": NTK relative Frobenius error " + ntkErr);
    }
}

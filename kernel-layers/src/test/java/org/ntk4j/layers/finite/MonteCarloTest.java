package org.ntk4j.layers.finite;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;
import static org.ntk4j.testkit.KernelAsserts.relativeFrobenius;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Kernel;
import org.ntk4j.layers.Layer;
import org.ntk4j.testkit.Seeded;

/**
 * Analytic kernels agree with Monte Carlo estimates from random finite networks (hidden width
 * 512, 100 draws, a 64-unit readout): relative Frobenius error {@code ‖K_mc − K‖_F / ‖K‖_F ≤ 0.05}
 * for the NNGP and the NTK. The estimates' relative standard deviation is about
 * {@code sqrt(2/(draws·units))} ≈ 2% for the readout's NNGP and smaller for the NTK, and the
 * finite-width bias is O(1/width) ≈ 0.2%, so 0.05 is about 2.5σ of a per-entry error and wider for
 * the Frobenius norm over the whole (N, N) block. The two-hidden-layer FCN's NNGP also carries the
 * hidden layer's per-draw fluctuation (about sqrt(2/width) per draw, shared by all readout units),
 * so it gets 300 draws. Inputs are tiny (3 or 4 inputs, 4×4×2 images,
 * 6×2 sequences, 5-vectors) to keep the whole class to about a minute on 2 cores.
 */
class MonteCarloTest {
    private static final int WIDTH = 512;
    private static final int READOUT = 64;
    private static final int DRAWS = 100;
    private static final double TOL = 0.05;

    static Stream<Arguments> networks() {
        INDArray vec = inputs(1, 4, 5);
        INDArray vec2 = inputs(2, 3, 5);
        INDArray img = inputs(3, 3, 4, 4, 2);
        INDArray seq = inputs(4, 3, 6, 2);
        return Stream.of(
                Arguments.of("FCN-ReLU x1,x2", 3 * DRAWS, serial(dense(WIDTH, 1.5, 0.1), relu(), dense(WIDTH, 1.5, 0.1),
                        relu(), dense(READOUT, 1.5, 0.1)), vec, vec2),
                Arguments.of("FCN-Erf", DRAWS, serial(dense(WIDTH, 1.3, 0.2), erf(), dense(READOUT, 1.3, 0.2)), vec, vec),
                Arguments.of("FCN standard", DRAWS, serial(dense(WIDTH, 1.5, 0.1, STANDARD), relu(),
                        dense(READOUT, 1.5, 0.1, STANDARD)), vec, vec),
                Arguments.of("VEC 2D SAME", DRAWS, serial(conv(WIDTH, 3, 3).padding(SAME).wStd(1.4).bStd(0.1), relu(),
                        flatten(), dense(READOUT, 1.4, 0.1)), img, img),
                Arguments.of("CNN standard 1D VALID", DRAWS, serial(conv(WIDTH, new int[] {3}, null, VALID, 1.4, 0.1, STANDARD),
                        relu(), flatten(), dense(READOUT, 1.4, 0.1, STANDARD)), seq, seq),
                Arguments.of("LCN 2D CIRCULAR", DRAWS, serial(convLocal(WIDTH, 3, 3).padding(CIRCULAR).wStd(1.4).bStd(0.1),
                        relu(), flatten(), dense(READOUT, 1.4, 0.1)), img, img),
                Arguments.of("GAP 2D CIRCULAR", DRAWS, serial(conv(WIDTH, 3, 3).padding(CIRCULAR).wStd(1.4).bStd(0.1), relu(),
                        globalAvgPool(), dense(READOUT, 1.4, 0.1)), img, img),
                Arguments.of("LAP 2D SAME", DRAWS, serial(conv(WIDTH, 3, 3).padding(SAME).wStd(1.4).bStd(0.1), relu(),
                        avgPool(new int[] {2, 2}, new int[] {2, 2}, VALID, false), flatten(), dense(READOUT, 1.4, 0.1)),
                        img, img),
                Arguments.of("residual 1D SAME", DRAWS, serial(conv(WIDTH, 3).padding(SAME), fanOut(2),
                        parallel(serial(relu(), conv(WIDTH, 3).padding(SAME), relu(), conv(WIDTH, 3).padding(SAME)),
                                identity()), fanInSum(), relu(), globalAvgPool(), dense(READOUT)), seq, seq),
                Arguments.of("concat 1D unequal widths", DRAWS, serial(conv(WIDTH, 3).padding(SAME).wStd(1.3), relu(), fanOut(2),
                        parallel(conv(WIDTH, 3).padding(CIRCULAR).wStd(1.5).bStd(0.2), conv(WIDTH / 2, 2).wStd(0.8)
                                .padding(SAME)), fanInConcat(), globalAvgPool(), dense(READOUT)), seq, seq));
    }

    @ParameterizedTest(name = "{0} ({1} draws)", autoCloseArguments = false)
    @MethodSource("networks")
    void monteCarloAgreesWithAnalytic(String name, int draws, Layer net, INDArray x1, INDArray x2) {
        Kernel exact = x1 == x2 ? net.kernel(x1) : net.kernel(x1, x2);
        long t0 = System.nanoTime();
        Kernel mc = MonteCarlo.of(net).samples(draws).seed(11).threads(2).compute(x1, x2);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double nngpErr = relativeFrobenius(exact.nngp(), mc.nngp());
        double ntkErr = relativeFrobenius(exact.ntk(), mc.ntk());
        System.out.printf("MC %-24s nngp %.4f ntk %.4f  %.1f s%n", name, nngpErr, ntkErr, seconds);
        assertTrue(nngpErr <= TOL, name + ": NNGP relative Frobenius error " + nngpErr);
        assertTrue(ntkErr <= TOL, name + ": NTK relative Frobenius error " + ntkErr);
    }

    /** Standard normal inputs of {@code shape}, reproducible from {@code seed}. */
    static INDArray inputs(long seed, long... shape) {
        return Seeded.gaussian(new SplittableRandom(seed), shape);
    }
}

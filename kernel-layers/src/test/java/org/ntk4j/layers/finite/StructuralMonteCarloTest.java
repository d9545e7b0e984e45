package org.ntk4j.layers.finite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;

import java.util.SplittableRandom;
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
 * Finite-width networks with LayerNorm (over channels, and over channels and space), Dropout (test mode), SumPool/GlobalSumPool and FanInProd
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
                Arguments.of("LayerNorm 1D CNN over channels and space", serial(conv(WIDTH, 3).padding(SAME).wStd(1.4)
                        .bStd(0.1), layerNorm(new int[] {1, 2}, 1e-12), relu(), globalAvgPool(), dense(READOUT, 1.4, 0.1)), ramp()),
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

    /** The 1-D inputs scaled by 0.4, 0.8, ..., 2.4 along the sequence: a variance that varies over positions. */
    static INDArray ramp() {
        double[][] rows = org.ntk4j.core.Inputs.rows(MonteCarloTest.inputs(4, 3, 6, 2), "x");
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] *= 0.4 * (1 + i / 2);
            }
        }
        return org.ntk4j.core.Inputs.toNd4j(rows, new InputShape(new int[] {6}, 2));
    }

    /**
     * The spatial-axes Monte Carlo case can fail: its analytic kernel differs from the channel-only
     * one by more than twice the tolerance.
     */
    @Test
    void layerNormOverSpaceDiffersFromChannelsOnlyByMoreThanTheTolerance() {
        INDArray seq = ramp();
        Kernel space = serial(conv(WIDTH, 3).padding(SAME).wStd(1.4).bStd(0.1), layerNorm(new int[] {1, 2}, 1e-12), relu(),
                globalAvgPool(), dense(READOUT, 1.4, 0.1)).kernel(seq);
        Kernel channels = serial(conv(WIDTH, 3).padding(SAME).wStd(1.4).bStd(0.1), layerNorm(), relu(), globalAvgPool(),
                dense(READOUT, 1.4, 0.1)).kernel(seq);
        double nngp = KernelAsserts.relativeFrobenius(space.nngp(), channels.nngp());
        double ntk = KernelAsserts.relativeFrobenius(space.ntk(), channels.ntk());
        System.out.printf("LayerNorm over space vs channels only: nngp %.4f ntk %.4f%n", nngp, ntk);
        assertTrue(nngp > 2 * TOL && ntk > 2 * TOL, "nngp " + nngp + " ntk " + ntk);
    }

    /**
     * LayerNorm over channels and some spatial axes at finite width: each (example, group) of outputs
     * has mean 0 and mean square {@code var/(eps + var)}, and backprop through it equals central
     * finite differences (as {@link FiniteGradientTest}).
     */
    @Test
    void layerNormOverSpatialAxesForwardAndBackward() {
        org.ntk4j.core.Ntk4j.init();
        InputShape img = new InputShape(new int[] {4, 3}, 2);
        double eps = 0.1;
        SplittableRandom r = new SplittableRandom(3);
        double[][] rows = new double[3][img.size()];
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = 1.5 * r.nextGaussian() + 0.4;
            }
        }
        // Forward, channel + H of (N, 4, 3, 2): groups are the 3 columns w, each of 4·2 values; the same
        // convolution without LayerNorm (the same seed draws the same weights) gives its input.
        Layer stem = conv(2, 2, 2).padding(SAME).bStd(0.3);
        FiniteNetwork f0 = FiniteNetwork.of(stem, img), f1 = FiniteNetwork.of(serial(stem, layerNorm(new int[] {1, 3}, eps)), img);
        INDArray batch = org.ntk4j.core.Inputs.toNd4j(rows, img);
        double[][] x = org.ntk4j.core.Inputs.rows(f0.apply(f0.init(new SplittableRandom(1)), batch), "x");
        double[][] y = org.ntk4j.core.Inputs.rows(f1.apply(f1.init(new SplittableRandom(1)), batch), "y");
        for (int e = 0; e < rows.length; e++) {
            for (int w = 0; w < 3; w++) {
                double mean = 0, square = 0;
                for (int h = 0; h < 4; h++) {
                    for (int c = 0; c < 2; c++) {
                        mean += x[e][(h * 3 + w) * 2 + c] / 8;
                    }
                }
                for (int h = 0; h < 4; h++) {
                    for (int c = 0; c < 2; c++) {
                        double d = x[e][(h * 3 + w) * 2 + c] - mean;
                        square += d * d / 8;
                    }
                }
                for (int h = 0; h < 4; h++) {
                    for (int c = 0; c < 2; c++) {
                        int i = (h * 3 + w) * 2 + c;
                        assertEquals((x[e][i] - mean) / Math.sqrt(eps + square), y[e][i], 1e-14,
                                "example " + e + " at " + h + "," + w + "," + c);
                    }
                }
            }
        }
        for (int[] axes : new int[][] {{1, 3}, {-2, -1}, {1, 2, 3}}) {
            FiniteNetwork f = FiniteNetwork.of(serial(conv(3, 2, 2).padding(SAME).bStd(0.3), layerNorm(axes, eps), erf(),
                    flatten(), dense(2)), img);
            Params p = f.init(new SplittableRandom(7));
            double[] ntk = f.kernels(p, rows, true)[1];
            double[] brute = FiniteGradientTest.finiteDifferenceNtk(f, p, rows);
            double scale = 0, worst = 0;
            for (int i = 0; i < ntk.length; i++) {
                scale = Math.max(scale, Math.abs(brute[i]));
                worst = Math.max(worst, Math.abs(ntk[i] - brute[i]));
            }
            assertTrue(scale > 0 && worst <= 1e-6 * scale, java.util.Arrays.toString(axes) + ": backprop vs finite "
                    + "differences " + worst + " of " + scale);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FiniteNetwork.of(layerNorm(new int[] {0, 3}, eps), img));
        assertEquals("LayerNorm(axis=[0, 3], eps=0.1): normalisation over the batch axis (axis 0 of activations of shape "
                + "(N, 4, 3, 2)) is not supported; normalise over the channel axis and any spatial axes", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FiniteNetwork.of(layerNorm(new int[] {1}, eps), img));
        assertTrue(e.getMessage().startsWith("LayerNorm(axis=[1], eps=0.1): axis=[1] lacks the channel axis"), e.getMessage());
    }

    @Test
    void dropoutInTrainModeHasNoFiniteWidthForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FiniteNetwork.of(serial(dense(4), dropout(0.5), dense(1)), new InputShape(new int[0], 5)));
        assertEquals("Dropout(rate=0.5, mode=train): no finite-width form in train mode (it would need a random mask per "
                + "forward pass); use mode 'test' (the identity) for finite networks", e.getMessage());
    }
}

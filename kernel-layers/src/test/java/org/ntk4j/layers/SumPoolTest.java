package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ntk4j.layers.Layers.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Padding;
import org.ntk4j.core.Precision;
import org.ntk4j.layers.spec.NetworkSpec;
import org.ntk4j.testkit.KernelAsserts;
import org.ntk4j.testkit.Seeded;

/** SumPool = AvgPool × |window|² and GlobalSumPool = GlobalAvgPool × P², entry by entry; a hand-summed window. */
class SumPoolTest {
    private static final INDArray X = Seeded.gaussian(21, 3, 5, 5, 2);

    private static Layer body() {
        return serial(conv(2, 3, 3).padding(SAME).wStd(1.4).bStd(0.1), relu());
    }

    /** Max relative error of {@code actual} against {@code factor·expected}, entrywise. */
    private static double ratioError(INDArray expected, INDArray actual, double factor) {
        double[] e = expected.dup().data().asDouble();
        double[] a = actual.dup().data().asDouble();
        assertEquals(e.length, a.length);
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - factor * e[i]) / Math.abs(factor * e[i]));
        }
        return worst;
    }

    @Test
    void sumPoolIsAvgPoolTimesWindowSquaredEntrywise() {
        int[][] windows = {{2, 2}, {3, 3}, {2, 3}};
        Padding[] paddings = {SAME, VALID, CIRCULAR};
        int[][] strides = {{2, 2}, {1, 1}, {1, 2}};
        for (int c = 0; c < windows.length; c++) {
            int[] w = windows[c];
            double size = w[0] * w[1];
            Layer avg = avgPool(w, strides[c], paddings[c], false);
            Layer sum = sumPool(w, strides[c], paddings[c]);
            // Diagonal output, and full covariance read by a GlobalAvgPool after the pooling.
            for (Layer tail : new Layer[] {identity(), globalAvgPool()}) {
                Kernel a = serial(body(), avg, tail).kernel(X);
                Kernel s = serial(body(), sum, tail).kernel(X);
                double err = Math.max(ratioError(a.nngp(), s.nngp(), size * size), ratioError(a.ntk(), s.ntk(), size * size));
                System.out.printf("SumPool %s %s %s: max rel err vs AvgPool x |w|^2 %.1e%n", sum, tail, paddings[c], err);
                assertEquals(0, err, 1e-14, sum + " then " + tail);
            }
        }
    }

    @Test
    void globalSumPoolIsGlobalAvgPoolTimesPositionsSquared() {
        Kernel a = serial(body(), globalAvgPool(), dense(1, 1.2)).kernel(X);
        Kernel s = serial(body(), globalSumPool(), dense(1, 1.2)).kernel(X);
        double err = Math.max(ratioError(a.nngp(), s.nngp(), 625), ratioError(a.ntk(), s.ntk(), 625));
        System.out.printf("GlobalSumPool: max rel err vs GlobalAvgPool x P^2 %.1e%n", err);
        assertEquals(0, err, 1e-14);
    }

    @Test
    void sumPoolOnTheInputSumsTheWindowByHand() {
        // Sequences of 4 positions, 3 channels; window 3, SAME (one zero tap at each edge), stride 1.
        InputShape shape = new InputShape(new int[] {4}, 3);
        double[] x1 = PairKernels.gaussian(1, 12), x2 = PairKernels.gaussian(2, 12);
        double[][] k = PairKernels.of(sumPool(new int[] {3}, null, SAME), shape, x1, x2);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double expected = 0;
                for (int p = i - 1; p <= i + 1; p++) {
                    for (int q = j - 1; q <= j + 1; q++) {
                        if (p >= 0 && p < 4 && q >= 0 && q < 4) {
                            for (int c = 0; c < 3; c++) {
                                expected += x1[p * 3 + c] * x2[q * 3 + c] / 3;
                            }
                        }
                    }
                }
                assertEquals(expected, k[0][i * 4 + j], 1e-14 * (1 + Math.abs(expected)), "entry " + i + "," + j);
            }
        }
    }

    @Test
    void float32AgreesWithFloat64() {
        Layer net = serial(body(), sumPool(new int[] {2, 2}, new int[] {2, 2}, SAME), conv(2, 2, 2).padding(SAME).wStd(1.4),
                relu(), globalSumPool(), dense(1, 1.3, 0.1));
        Kernel d = net.kernel(X);
        Kernel f = net.withPrecision(Precision.FLOAT32).kernel(X);
        double err = Math.max(KernelAsserts.relativeError(d.nngp(), f.nngp()), KernelAsserts.relativeError(d.ntk(), f.ntk()));
        System.out.printf("SumPool/GlobalSumPool float32 vs float64 %.1e%n", err);
        assertEquals(0, err, 1e-5);
    }

    @Test
    void specAndBadInput() {
        assertEquals("SumPool(window_shape=[2, 2], strides=[2, 2], padding=SAME)", NetworkSpec.parse(
                "{\"type\": \"SumPool\", \"window_shape\": [2, 2], \"strides\": [2, 2], \"padding\": \"SAME\"}").toString());
        assertEquals("SumPool(window_shape=[3], strides=[1], padding=VALID)",
                NetworkSpec.parse("{\"type\": \"SumPool\", \"window_shape\": [3]}").toString());
        assertEquals("GlobalSumPool()", NetworkSpec.parse("{\"type\": \"GlobalSumPool\"}").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sumPool(0, 2));
        assertEquals("SumPool: window_shape must be positive, got [0, 2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sumPool(new int[] {2}, new int[] {1, 1}, VALID));
        assertEquals("SumPool: strides [1, 1] must have one entry per window dim [2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> serial(dense(2), globalSumPool()).kernel(X.reshape(3, 50)));
        assertEquals(true, e.getMessage().startsWith("GlobalSumPool() at layer 1: pooling needs spatial dims"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> serial(body(), sumPool(2, 2), relu()).kernel(X));
        assertEquals(false, e.getMessage().contains("\n"));
    }
}

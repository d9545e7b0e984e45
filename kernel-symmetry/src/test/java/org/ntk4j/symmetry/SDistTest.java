package org.ntk4j.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.io.TrainTest;
import org.ntk4j.core.predict.Classification;

/**
 * S-Dist (eq. S15) and its curve along an SO(C)^d path on real images (Fashion-MNIST,
 * space-to-depth, C = 4; 10 training and 5 test images, 1 hidden layer): VEC_∞ stays at
 * round-off (measured ~1e-30), GAP_∞ starts at exactly 0 and reaches ~0.1–0.5 at t = 1 (so the
 * bound 1e-2 leaves a wide margin).
 */
class SDistTest {
    private static final double[] TS = {0, 0.5, 1};
    private static double[] vec;
    private static double[] gap;

    @BeforeAll
    static void curves() throws IOException {
        TrainTest data = ShippedImages.fashionMnist(10, 5);
        INDArray y = Classification.oneHot(data.train().labels(), 10);
        RotationPath path = RotationPath.random(new SplittableRandom(3), Inputs.shapeOf(data.train().x(), "x"));
        SDistPath sdist = SDistPath.along(path).threads(2);
        PaperNetworks nets = PaperNetworks.paper().withDepth(1);
        vec = sdist.curve(nets.network(Architecture.VEC), data.train().x(), y, data.test().x(), TS);
        gap = sdist.curve(nets.network(Architecture.GAP), data.train().x(), y, data.test().x(), TS);
        System.out.println("S-Dist VEC " + Arrays.toString(vec) + ", GAP " + Arrays.toString(gap));
    }

    @Test
    void vecIsInvariantAlongThePath() {
        for (double v : vec) {
            assertTrue(v <= 1e-10, Arrays.toString(vec));
        }
    }

    @Test
    void gapStartsAtZeroAndGrows() {
        assertEquals(0.0, gap[0], 0.0);
        assertTrue(gap[1] > 0 && gap[2] > 1e-2, Arrays.toString(gap));
    }

    @Test
    void sDistIsTheMeanSquaredNormOfTheDifference() {
        INDArray a = Nd4j.create(new double[][] {{1, 2}, {0, 0}});
        INDArray b = Nd4j.create(new double[][] {{0, 0}, {3, 4}});
        assertEquals((1 + 4 + 9 + 16) / 2.0, SDist.of(a, b), 1e-15);
        assertEquals(0.0, SDist.of(a, a), 0.0);
        assertThrows(IllegalArgumentException.class, () -> SDist.of(a, Nd4j.zeros(2, 3)));
    }
}

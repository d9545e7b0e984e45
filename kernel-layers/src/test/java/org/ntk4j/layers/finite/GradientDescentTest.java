package org.ntk4j.layers.finite;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.layers.Layer;

/**
 * The backpropagated gradient of the MSE loss {@code ½·mean((f − Y)²)} equals central finite
 * differences of the loss (step 1e-5, 1e-6 relative to the largest component) for every layer
 * kind of {@link FiniteGradientTest}, and gradient descent lowers the loss.
 */
class GradientDescentTest {
    private static long[] batchShape(int n, InputShape shape) {
        long[] s = new long[shape.spatial().length + 2];
        s[0] = n;
        for (int i = 0; i < shape.spatial().length; i++) {
            s[i + 1] = shape.spatial()[i];
        }
        s[s.length - 1] = shape.channels();
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.ntk4j.layers.finite.FiniteGradientTest#networks")
    void mseGradientEqualsFiniteDifferences(String name, InputShape shape, Layer net) {
        Ntk4j.init();
        FiniteNetwork f = FiniteNetwork.of(net, shape);
        Params p = f.init(new SplittableRandom(11));
        INDArray x = MonteCarloTest.inputs(5, batchShape(3, shape));
        INDArray y = MonteCarloTest.inputs(6, 3, f.outputShape().channels());
        GradientDescent gd = GradientDescent.of(f, x, y);
        Params g = gd.gradient(p);
        double eps = 1e-5;
        double scale = 0;
        double worst = 0;
        for (int s = 0; s < p.slots(); s++) {
            for (int j = 0; j < p.slot(s).length; j++) {
                double[] a = p.slot(s)[j];
                for (int i = 0; i < a.length; i++) {
                    double keep = a[i];
                    a[i] = keep + eps;
                    double up = gd.loss(p);
                    a[i] = keep - eps;
                    double down = gd.loss(p);
                    a[i] = keep;
                    double fd = (up - down) / (2 * eps);
                    scale = Math.max(scale, Math.abs(fd));
                    worst = Math.max(worst, Math.abs(fd - g.slot(s)[j][i]));
                }
            }
        }
        assertTrue(scale > 0 && worst <= 1e-6 * scale, name + ": backprop vs finite differences " + worst + " of " + scale);
    }

    @Test
    void gradientDescentLowersTheLoss() {
        InputShape vec = new InputShape(new int[0], 4);
        FiniteNetwork f = FiniteNetwork.of(serial(dense(64, 1.5, 0.1), relu(), dense(1, 1.5, 0.1)), vec);
        INDArray x = MonteCarloTest.inputs(1, 10, 4);
        INDArray y = MonteCarloTest.inputs(2, 10);
        GradientDescent gd = GradientDescent.of(f, x, y).learningRate(1.0);
        Params p = f.init(new SplittableRandom(3));
        double before = gd.loss(p);
        double after = gd.loss(gd.train(p, 50));
        assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);
    }

    @Test
    void targetsOfTheWrongShapeAreRejected() {
        FiniteNetwork f = FiniteNetwork.of(serial(dense(8), relu(), dense(2)), new InputShape(new int[0], 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientDescent.of(f, MonteCarloTest.inputs(1, 5, 3), MonteCarloTest.inputs(2, 5, 3)));
        assertTrue(e.getMessage().contains("(5, 2)"), e.getMessage());
    }
}

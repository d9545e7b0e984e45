package org.ntk4j.layers.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.Layers;

/**
 * What the parameter-symmetry tools need from finite networks: the Jacobian (its Gram is the
 * empirical NTK, for every layer kind), scaled initialisation, parameter access in stored units,
 * weight decay, the step listener, and {@link FastErf} against Commons Math.
 */
class FiniteTrainingSupportTest {
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
    void jacobianGramIsTheEmpiricalNtk(String name, InputShape shape, Layer net) {
        FiniteNetwork f = FiniteNetwork.of(net, shape);
        Params p = f.init(new SplittableRandom(3));
        INDArray x = MonteCarloTest.inputs(4, batchShape(3, shape));
        double[][] j = f.jacobian(p, x);
        int k = f.outputShape().channels();
        assertEquals(3 * k, j.length);
        assertEquals(p.count(), j[0].length);
        INDArray ntk = f.kernel(p, x, x).ntk();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double s = 0;
                for (int u = 0; u < k; u++) {
                    for (int c = 0; c < j[0].length; c++) {
                        s += j[a * k + u][c] * j[b * k + u][c];
                    }
                }
                double want = ntk.getDouble(a, b);
                assertEquals(want, s / k, 1e-10 * (1 + Math.abs(want)), name + " entry " + a + "," + b);
            }
        }
    }

    @Test
    void scaledInitAndParameterAccess() {
        FiniteNetwork f = FiniteNetwork.of(Layers.serial(Layers.dense(3, 1.0, 0.5), Layers.erf(), Layers.dense(2)),
                new InputShape(new int[0], 4));
        Params p = f.init(new SplittableRandom(1));
        Params q = f.init(new SplittableRandom(1), 0.1);
        double[] a = p.toArray();
        double[] b = q.toArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(0.1 * a[i], b[i], 1e-15);
        }
        assertEquals(2, p.affineLayers());
        assertEquals(12, p.weights(0).length);
        assertEquals(3, p.bias(0).length);
        assertEquals(null, p.bias(1));
        assertArrayEquals(a, p.withArray(a).toArray());
        List<AffineLayer> layers = f.affineLayers();
        assertEquals("Dense", layers.get(0).kind());
        assertEquals(1.0 / Math.sqrt(4), layers.get(0).scaleW(), 1e-15);
        assertEquals(0.5, layers.get(0).scaleB(), 0);
        assertTrue(Double.isNaN(layers.get(1).scaleB()));
        assertThrows(IllegalArgumentException.class, () -> p.weights(2));
        assertThrows(IllegalArgumentException.class, () -> p.withLayer(0, new double[11], new double[3]));
    }

    @Test
    void weightDecayAndListener() {
        FiniteNetwork f = FiniteNetwork.of(Layers.serial(Layers.dense(3), Layers.relu(), Layers.dense(1)),
                new InputShape(new int[0], 2));
        INDArray x = MonteCarloTest.inputs(2, 5, 2);
        INDArray y = MonteCarloTest.inputs(3, 5, 1);
        Params p = f.init(new SplittableRandom(5));
        GradientDescent gd = GradientDescent.of(f, x, y).learningRate(0.1);
        GradientDescent wd = gd.weightDecay(0.3);
        double[] plain = gd.step(p).toArray();
        double[] decayed = wd.step(p).toArray();
        double[] theta = p.toArray();
        for (int i = 0; i < theta.length; i++) {
            assertEquals(plain[i] - 0.1 * 0.3 * theta[i], decayed[i], 1e-14);
        }
        List<Double> losses = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        Params end = wd.train(p, 4, (s, params, loss) -> {
            steps.add(s);
            losses.add(loss);
            assertEquals(wd.loss(params), loss, 1e-14);
        });
        assertEquals(List.of(0, 1, 2, 3, 4), steps);
        assertArrayEquals(wd.train(p, 4).toArray(), end.toArray(), 0);
        assertThrows(IllegalArgumentException.class, () -> gd.weightDecay(-1));
        assertEquals(0.3, wd.learningRate(0.2).weightDecay());
    }

    @Test
    void fastErfMatchesCommonsMath() {
        SplittableRandom r = new SplittableRandom(9);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = (r.nextDouble() - 0.5) * 14;
            worst = Math.max(worst, Math.abs(FastErf.erf(x) - org.apache.commons.math3.special.Erf.erf(x)));
        }
        assertTrue(worst < 2e-15, "max |FastErf − Erf| = " + worst);
        assertEquals(0.0, FastErf.erf(0.0));
        assertEquals(-FastErf.erf(0.3), FastErf.erf(-0.3));
        assertEquals(1.0, FastErf.erf(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(FastErf.erf(Double.NaN)));
    }
}

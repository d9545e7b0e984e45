package org.ntk4j.layers.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ntk4j.layers.Layers.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.Padding;
import org.ntk4j.layers.Layer;
import org.ntk4j.testkit.Seeded;

/** Forward passes of single finite layers against hand-computed or brute-force loops. */
class FiniteForwardTest {
    private static double[] apply(Layer layer, InputShape shape, Params p, double[] x) {
        Ntk4j.init();
        int[] sp = shape.spatial();
        long[] dims = new long[sp.length + 2];
        dims[0] = x.length / shape.size();
        for (int i = 0; i < sp.length; i++) {
            dims[i + 1] = sp[i];
        }
        dims[dims.length - 1] = shape.channels();
        INDArray y = FiniteNetwork.of(layer, shape).apply(p, Nd4j.create(x, dims, 'c'));
        return y.dup('c').data().asDouble();
    }

    private static final Params NONE = new Params(new double[0][][]);

    @Test
    void denseIsScaledMatrixProductPlusBias() {
        double[] w = {1, 2, 3, 4, 5, 6}; // (n_in = 3, out = 2)
        double[] b = {0.5, -1};
        double[] x = {1, -1, 2};
        double[] y = apply(dense(2, 2.0, 0.3), new InputShape(new int[0], 3), new Params(new double[][][] {{w, b}}), x);
        double s = 2.0 / Math.sqrt(3);
        assertArrayEquals(new double[] {s * (1 - 3 + 10) + 0.15, s * (2 - 4 + 12) - 0.3}, y, 1e-12);
        double[] ys = apply(dense(2, 2.0, 0.3, STANDARD), new InputShape(new int[0], 3),
                new Params(new double[][][] {{w, b}}), x);
        assertArrayEquals(new double[] {8 + 0.5, 10 - 1}, ys, 1e-12);
    }

    /** Conv 2D, filter (3, 2), strides (2, 1) on a 5×4×2 input: SAME pads (lo 1, hi 1) × (0, 1); CIRCULAR wraps. */
    @ParameterizedTest
    @EnumSource(value = Padding.class, names = {"SAME", "CIRCULAR", "VALID"})
    void convMatchesDirectLoop(Padding padding) {
        int h = 5, wd = 4, cin = 2, cout = 3, fh = 3, fw = 2;
        double[] x = Seeded.gaussians(1, h * wd * cin);
        double[] w = Seeded.gaussians(2, fh * fw * cin * cout);
        double[] b = Seeded.gaussians(3, cout);
        Layer layer = conv(cout, fh, fw).strides(2, 1).padding(padding).wStd(1.7).bStd(0.4);
        double[] y = apply(layer, new InputShape(new int[] {h, wd}, cin), new Params(new double[][][] {{w, b}}), x);
        int oh = padding == Padding.VALID ? 2 : 3, ow = padding == Padding.VALID ? 3 : 4;
        int loH = padding == Padding.VALID ? 0 : 1;
        double s = 1.7 / Math.sqrt(cin * fh * fw);
        double[] expected = new double[oh * ow * cout];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                for (int co = 0; co < cout; co++) {
                    double z = 0;
                    for (int th = 0; th < fh; th++) {
                        for (int tw = 0; tw < fw; tw++) {
                            int r = i * 2 + th - loH;
                            int c = j + tw;
                            if (padding == Padding.CIRCULAR) {
                                r = Math.floorMod(r, h);
                                c = Math.floorMod(c, wd);
                            } else if (r < 0 || r >= h || c >= wd) {
                                continue;
                            }
                            for (int ci = 0; ci < cin; ci++) {
                                z += x[(r * wd + c) * cin + ci] * w[((th * fw + tw) * cin + ci) * cout + co];
                            }
                        }
                    }
                    expected[(i * ow + j) * cout + co] = s * z + 0.4 * b[co];
                }
            }
        }
        assertArrayEquals(expected, y, 1e-12);
    }

    @Test
    void convLocalHasWeightsAndBiasPerOutputPosition() {
        int n = 4, cin = 2, cout = 2, f = 3;
        double[] x = Seeded.gaussians(4, n * cin);
        double[] w = Seeded.gaussians(5, n * f * cin * cout);
        double[] b = Seeded.gaussians(6, n * cout);
        double[] y = apply(convLocal(cout, f).padding(SAME).bStd(0.5), new InputShape(new int[] {n}, cin),
                new Params(new double[][][] {{w, b}}), x);
        double s = 1 / Math.sqrt(cin * f);
        for (int o = 0; o < n; o++) {
            for (int co = 0; co < cout; co++) {
                double z = 0;
                for (int t = 0; t < f; t++) {
                    int i = o + t - 1;
                    for (int ci = 0; i >= 0 && i < n && ci < cin; ci++) {
                        z += x[i * cin + ci] * w[((o * f + t) * cin + ci) * cout + co];
                    }
                }
                assertEquals(s * z + 0.5 * b[o * cout + co], y[o * cout + co], 1e-12, "position " + o);
            }
        }
    }

    @Test
    void avgPoolSameDividesByWindowOrByNonPaddedTaps() {
        InputShape shape = new InputShape(new int[] {4}, 1);
        double[] x = {1, 2, 3, 4};
        assertArrayEquals(new double[] {1, 2, 3, 7.0 / 3}, apply(avgPool(new int[] {3}, null, SAME, false), shape, NONE, x),
                1e-12);
        assertArrayEquals(new double[] {1.5, 2, 3, 3.5}, apply(avgPool(new int[] {3}, null, SAME, true), shape, NONE, x),
                1e-12);
        assertArrayEquals(new double[] {7.0 / 3, 2, 3, 8.0 / 3},
                apply(avgPool(new int[] {3}, null, CIRCULAR, false), shape, NONE, x), 1e-12);
        assertArrayEquals(new double[] {1.5, 3.5}, apply(avgPool(new int[] {2}, new int[] {2}, VALID, false), shape, NONE, x),
                1e-12);
    }

    @Test
    void globalAvgPoolAveragesEveryPositionPerChannel() {
        double[] x = {1, 10, 2, 20, 3, 30, 6, 60}; // (2, 2, 2) channels last
        assertArrayEquals(new double[] {3, 30}, apply(globalAvgPool(), new InputShape(new int[] {2, 2}, 2), NONE, x), 1e-12);
    }

    @Test
    void flattenKeepsChannelsLastOrder() {
        double[] x = Seeded.gaussians(7, 2 * 3 * 2 * 2);
        assertArrayEquals(x, apply(flatten(), new InputShape(new int[] {3, 2}, 2), NONE, x), 0.0);
    }

    /** A Dense layer first (the analytic shape rules want a Gaussian input), weights sqrt(3)·I: it passes x on. */
    @Test
    void nonlinearitiesActPointwise() {
        InputShape shape = new InputShape(new int[0], 3);
        double r = Math.sqrt(3);
        Params id = new Params(new double[][][] {{{r, 0, 0, 0, r, 0, 0, 0, r}}});
        double[] x = {-2, 0.5, 3};
        assertArrayEquals(new double[] {0, 0.5, 3}, apply(serial(dense(3), relu()), shape, id, x), 1e-14);
        assertArrayEquals(new double[] {-0.2, 0.5, 3}, apply(serial(dense(3), leakyRelu(0.1)), shape, id, x), 1e-14);
        assertArrayEquals(new double[] {2, 0.5, 3}, apply(serial(dense(3), abs()), shape, id, x), 1e-14);
        // erf(-2) = -0.9953222650189527, erf(0.5) = 0.5204998778130465, erf(3) = 0.9999779095030014
        assertArrayEquals(new double[] {2 * -0.9953222650189527 + 0.1, 2 * 0.5204998778130465 + 0.1,
                2 * 0.9999779095030014 + 0.1}, apply(serial(dense(3), erf(2, 1, 0.1)), shape, id, x), 1e-14);
    }

    @Test
    void fanInConcatJoinsChannelsAndSumAdds() {
        InputShape shape = new InputShape(new int[] {2}, 1);
        double[] x = {1, 2};
        Params p = new Params(new double[][][] {{{1}}, {{3}}});
        Layer branches = parallel(dense(1), dense(1));
        assertArrayEquals(new double[] {1, 3, 2, 6}, apply(serial(fanOut(2), branches, fanInConcat()), shape, p, x), 1e-12);
        assertArrayEquals(new double[] {4, 8}, apply(serial(fanOut(2), branches, fanInSum()), shape, p, x), 1e-12);
    }

    @Test
    void standardParameterisationDrawsWeightsWithStdOverSqrtFanIn() {
        FiniteNetwork f = FiniteNetwork.of(conv(64, 3, 3).wStd(1.5).bStd(0.7).parameterization(STANDARD),
                new InputShape(new int[] {3, 3}, 16));
        Params p = f.init(new SplittableRandom(9));
        double[] w = p.slot(0)[0];
        double[] b = p.slot(0)[1];
        assertEquals(9 * 16 * 64, w.length);
        assertEquals(1.5 / Math.sqrt(9 * 16), Math.sqrt(meanSquare(w)), 0.03 * 1.5 / 12);
        assertEquals(64, b.length);
        assertEquals(0.7, Math.sqrt(meanSquare(b)), 0.15);
    }

    private static double meanSquare(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return s / a.length;
    }
}

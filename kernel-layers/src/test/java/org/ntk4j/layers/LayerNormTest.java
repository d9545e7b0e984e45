package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;
import static org.ntk4j.testkit.KernelAsserts.assertClose;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Precision;
import org.ntk4j.layers.spec.NetworkSpec;
import org.ntk4j.testkit.KernelAsserts;
import org.ntk4j.testkit.Seeded;
import org.ntk4j.testkit.TestFixtures;

/**
 * LayerNorm: K'[h,h'] = K[h,h'] / sqrt((eps + K(x,x)[h,h])·(eps + K(x',x')[h',h'])) written out by hand
 * (FCN and the full spatial covariance of a CNN), its self-covariances feeding the next nonlinearity,
 * the shared fixture, float32, and its refusals; over spatial axes too, the normalisers
 * {@code n[h]} = mean of {@code eps + K(x,x)[g,g]} over the positions g sharing h's other coordinates
 * written out by brute force for every axis set of a 2-D input (full and diagonal storage), the mean
 * of the normalised self-variance over a group ({@code K̄/(eps + K̄)}), fusion and float32.
 */
class LayerNormTest {
    private static final double EPS = 1e-12;

    @Test
    void fcnLayerNormIsTheCosineNormalisedKernel() {
        INDArray x1 = Seeded.gaussian(3, 6, 5);
        INDArray x2 = Seeded.gaussian(4, 4, 5);
        double[][] r1 = org.ntk4j.core.Inputs.rows(x1, "x1"), r2 = org.ntk4j.core.Inputs.rows(x2, "x2");
        Layer net = serial(dense(1, 1.3, 0.1), layerNorm());
        Layer chain = serial(dense(1, 1.3, 0.1), layerNorm(), relu());
        Kernel k = net.kernel(x1, x2);
        Kernel self = net.kernel(x1);
        Kernel relu = chain.kernel(x1, x2);
        double[] n = k.nngp().dup().data().asDouble(), t = k.ntk().dup().data().asDouble();
        double[] rn = relu.nngp().dup().data().asDouble(), rt = relu.ntk().dup().data().asDouble();
        double worst = 0;
        for (int i = 0; i < r1.length; i++) {
            double v1 = denseCov(r1[i], r1[i]);
            assertEquals(v1 / (EPS + v1), self.nngp().getDouble(i, i), 1e-15, "unit diagonal");
            for (int j = 0; j < r2.length; j++) {
                double v2 = denseCov(r2[j], r2[j]);
                double q = denseCov(r1[i], r2[j]);
                double norm = Math.sqrt((EPS + v1) * (EPS + v2));
                // Dense first: ntk = nngp = q; both divided by the norm.
                double[] expected = {q / norm, q / norm};
                double[] after = PairKernels.relu(q / norm, v1 / (EPS + v1), v2 / (EPS + v2));
                double[][] pairs = {{expected[0], n[i * r2.length + j]}, {expected[1], t[i * r2.length + j]},
                        {after[0], rn[i * r2.length + j]}, {expected[1] * after[1], rt[i * r2.length + j]}};
                for (double[] p : pairs) {
                    worst = Math.max(worst, Math.abs(p[1] - p[0]) / Math.abs(p[0]));
                }
            }
        }
        System.out.printf("LayerNorm FCN (and ->Relu) vs hand formula: max rel err %.1e%n", worst);
        assertEquals(0, worst, 1e-13);
        // The same pairs one by one (no FCN blocks) give the same numbers.
        InputShape shape = new InputShape(new int[0], 5);
        double[][] one = PairKernels.of(chain, shape, r1[2], r2[3]);
        assertEquals(rn[2 * r2.length + 3], one[0][0], 1e-15);
        assertEquals(rt[2 * r2.length + 3], one[1][0], 1e-15);
    }

    /** Dense(1, 1.3, 0.1) on vectors: 1.69·x·x'/D + 0.01. */
    private static double denseCov(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += a[c] * b[c];
        }
        return 1.69 * s / a.length + 0.01;
    }

    @Test
    void cnnLayerNormNormalisesTheFullSpatialCovarianceByTheSelfVariances() {
        InputShape shape = new InputShape(new int[] {3, 4}, 2);
        double[] x1 = PairKernels.gaussian(5, 24), x2 = PairKernels.gaussian(6, 24);
        Layer conv = serial(conv(3, 3, 3).padding(SAME).wStd(1.4).bStd(0.1), relu(), conv(2, 2, 2).padding(CIRCULAR).wStd(1.2));
        Layer norm = serial(conv, layerNorm());
        double[][] k11 = PairKernels.of(conv, shape, x1, x1), k22 = PairKernels.of(conv, shape, x2, x2);
        double[][] k12 = PairKernels.of(conv, shape, x1, x2);
        double[][] n12 = PairKernels.of(norm, shape, x1, x2), n11 = PairKernels.of(norm, shape, x1, x1);
        int p = 12;
        double worst = 0;
        for (int h = 0; h < p; h++) {
            for (int g = 0; g < p; g++) {
                double d12 = Math.sqrt((EPS + k11[0][h * p + h]) * (EPS + k22[0][g * p + g]));
                double d11 = Math.sqrt((EPS + k11[0][h * p + h]) * (EPS + k11[0][g * p + g]));
                worst = Math.max(worst, Math.abs(n12[0][h * p + g] - k12[0][h * p + g] / d12) / Math.abs(k12[0][h * p + g] / d12));
                worst = Math.max(worst, Math.abs(n12[1][h * p + g] - k12[1][h * p + g] / d12) / Math.abs(k12[1][h * p + g] / d12));
                worst = Math.max(worst, Math.abs(n11[0][h * p + g] - k11[0][h * p + g] / d11) / Math.abs(k11[0][h * p + g] / d11));
            }
            assertEquals(1.0, n11[0][h * p + h], 1e-11, "unit self-variance at " + h);
        }
        System.out.printf("LayerNorm CNN full covariance vs hand formula: max rel err %.1e%n", worst);
        assertEquals(0, worst, 1e-14);
    }

    @Test
    void fusedAfterAConvolutionAndUnfusedAgreeBitForBit() {
        Layer net = serial(conv(2, 3, 3).padding(SAME).wStd(1.4).bStd(0.1), layerNorm(), gelu(), conv(2, 3, 3)
                .padding(CIRCULAR).wStd(1.4).bStd(0.1), layerNorm(), relu(), globalAvgPool(), dense(1, 1.3, 0.1));
        InputShape shape = new InputShape(new int[] {4, 4}, 2);
        double[] x1 = PairKernels.gaussian(7, 32), x2 = PairKernels.gaussian(8, 32);
        Network fused = Network.compile(net, shape, false, true);
        Network plain = Network.compile(net, shape, false, false);
        double[][] out = new double[4][1];
        for (int v = 0; v < 2; v++) {
            Network n = v == 0 ? fused : plain;
            org.ntk4j.core.Workspace ws = n.newWorkspace();
            double[] c1 = new double[n.chainLength()], c2 = new double[n.chainLength()];
            n.self(x1, c1, ws, new double[1], new double[1], 0);
            n.self(x2, c2, ws, new double[1], new double[1], 0);
            n.pair(x1, c1, x2, c2, ws, out[2 * v], out[2 * v + 1], 0);
        }
        assertEquals(out[2][0], out[0][0], 0.0);
        assertEquals(out[3][0], out[1][0], 0.0);
    }

    @Test
    void sharedFixtureGeluLayerNormToOneInTenBillion() {
        Fixtures f = Fixtures.load(TestFixtures.sharedDir().resolve("zoo").resolve("zoo_fcn_gelu_layernorm.json"));
        Kernel k = f.x2() == null ? f.network().kernel(f.x1()) : f.network().kernel(f.x1(), f.x2());
        System.out.printf("fixture %s: nngp %.1e ntk %.1e%n", f.name(), KernelAsserts.relativeError(f.nngp(), k.nngp()),
                KernelAsserts.relativeError(f.ntk(), k.ntk()));
        assertClose(f.nngp(), k.nngp(), 1e-10, f.name() + " nngp");
        assertClose(f.ntk(), k.ntk(), 1e-10, f.name() + " ntk");
        Kernel single = f.network().withPrecision(Precision.FLOAT32).kernel(f.x1());
        System.out.printf("fixture %s float32: nngp %.1e ntk %.1e%n", f.name(),
                KernelAsserts.relativeError(f.nngp(), single.nngp()), KernelAsserts.relativeError(f.ntk(), single.ntk()));
        assertClose(f.nngp(), single.nngp(), 1e-5, f.name() + " float32 nngp");
        assertClose(f.ntk(), single.ntk(), 1e-5, f.name() + " float32 ntk");
        // Pair by pair (no FCN blocks, one thread) gives the same.
        Kernel pairs = Gram.of(f.network()).threads(1).tileSize(1).compute(f.x1());
        assertClose(f.nngp(), pairs.nngp(), 1e-10, f.name() + " tiles of 1");
    }

    @Test
    void float32AgreesWithFloat64OnACnn() {
        Layer net = serial(conv(2, 3, 3).padding(SAME).wStd(1.4).bStd(0.1), layerNorm(), gelu(), conv(2, 3, 3)
                .padding(CIRCULAR).wStd(1.4).bStd(0.1), layerNorm(), relu(), globalAvgPool(), dense(1, 1.3, 0.1));
        INDArray x = Seeded.gaussian(9, 4, 5, 5, 2);
        Kernel d = net.kernel(x);
        Kernel f = net.withPrecision(Precision.FLOAT32).kernel(x);
        double err = Math.max(KernelAsserts.relativeError(d.nngp(), f.nngp()), KernelAsserts.relativeError(d.ntk(), f.ntk()));
        System.out.printf("LayerNorm CNN float32 vs float64 %.1e%n", err);
        assertEquals(0, err, 1e-5);
    }

    /** Conv → ReLU → Conv on (3, 4, 2) images: a Gaussian input whose variance varies over positions. */
    private static final Layer BASE = serial(conv(3, 3, 3).padding(SAME).wStd(1.4).bStd(0.1), relu(),
            conv(2, 2, 2).padding(CIRCULAR).wStd(1.2));
    private static final InputShape IMG = new InputShape(new int[] {3, 4}, 2);

    /**
     * Hand normalisers: {@code n[h] = mean over positions g that agree with h on every spatial axis a
     * with !over[a] of (eps + diag[g])}, by brute force over all pairs of positions.
     */
    private static double[] normalisers(double[] full, int[] dims, boolean[] over, double eps) {
        int p = dims[0] * dims[1];
        double[] n = new double[p];
        for (int h = 0; h < p; h++) {
            int count = 0;
            for (int g = 0; g < p; g++) {
                boolean same = (over[0] || g / dims[1] == h / dims[1]) && (over[1] || g % dims[1] == h % dims[1]);
                if (same) {
                    n[h] += eps + full[g * p + g];
                    count++;
                }
            }
            n[h] /= count;
        }
        return n;
    }

    /** Axis sets of (N, 3, 4, C) with the spatial axes they normalise: channel only, all, H only, W only. */
    private static final int[][] AXES = {{-1}, {1, 2, 3}, {1, -1}, {-2, 3}};
    private static final boolean[][] OVER = {{false, false}, {true, true}, {true, false}, {false, true}};

    @Test
    void spatialAxesNormaliseByTheMeanSelfVarianceOverTheGroupInFullAndDiagonalStorage() {
        double eps = 0.05;
        double[] x1 = PairKernels.gaussian(11, 24), x2 = PairKernels.gaussian(12, 24);
        double[][] k11 = PairKernels.of(BASE, IMG, x1, x1), k22 = PairKernels.of(BASE, IMG, x2, x2);
        double[][] k12 = PairKernels.of(BASE, IMG, x1, x2);
        int p = 12;
        int[] dims = {3, 4};
        for (int s = 0; s < AXES.length; s++) {
            Layer norm = serial(BASE, layerNorm(AXES[s], eps));
            double[] n1 = normalisers(k11[0], dims, OVER[s], eps), n2 = normalisers(k22[0], dims, OVER[s], eps);
            double[][] full12 = PairKernels.of(norm, IMG, x1, x2), full11 = PairKernels.of(norm, IMG, x1, x1);
            double[][] diag12 = diagonal(norm, x1, x2);
            double worst = 0;
            for (int h = 0; h < p; h++) {
                for (int g = 0; g < p; g++) {
                    int i = h * p + g;
                    worst = Math.max(worst, rel(full12[0][i], k12[0][i] / Math.sqrt(n1[h] * n2[g])));
                    worst = Math.max(worst, rel(full12[1][i], k12[1][i] / Math.sqrt(n1[h] * n2[g])));
                    worst = Math.max(worst, rel(full11[0][i], k11[0][i] / Math.sqrt(n1[h] * n1[g])));
                    worst = Math.max(worst, rel(full11[1][i], k11[1][i] / Math.sqrt(n1[h] * n1[g])));
                }
                double expected = k12[0][h * p + h] / Math.sqrt(n1[h] * n2[h]);
                worst = Math.max(worst, rel(diag12[0][h], expected));
                worst = Math.max(worst, rel(diag12[1][h], k12[1][h * p + h] / Math.sqrt(n1[h] * n2[h])));
            }
            System.out.printf("LayerNorm axis=%s full and diagonal vs hand formula: max rel err %.1e%n",
                    java.util.Arrays.toString(AXES[s]), worst);
            assertEquals(0, worst, 1e-13, java.util.Arrays.toString(AXES[s]));
        }
        // The axis sets give different kernels (the input's variance is not the same at every position).
        double[][] channel = PairKernels.of(serial(BASE, layerNorm(AXES[0], eps)), IMG, x1, x2);
        double[][] all = PairKernels.of(serial(BASE, layerNorm(AXES[1], eps)), IMG, x1, x2);
        assertTrue(rel(all[0][0], channel[0][0]) > 0.02, all[0][0] + " vs " + channel[0][0]);
    }

    /** One pair's kernels in diagonal spatial storage (no pooling: P entries). */
    private static double[][] diagonal(Layer net, double[] x1, double[] x2) {
        Network n = Network.compile(net, IMG, false, true);
        org.ntk4j.core.Workspace ws = n.newWorkspace();
        int len = n.outputShape().length();
        assertEquals(12, len, "diagonal storage");
        double[] c1 = new double[n.chainLength()], c2 = new double[n.chainLength()];
        double[] nngp = new double[len], ntk = new double[len];
        n.self(x1, c1, ws, new double[len], new double[len], 0);
        n.self(x2, c2, ws, new double[len], new double[len], 0);
        n.pair(x1, c1, x2, c2, ws, nngp, ntk, 0);
        return new double[][] {nngp, ntk};
    }

    private static double rel(double actual, double expected) {
        return Math.abs(actual - expected) / Math.abs(expected);
    }

    @Test
    void normalisedSelfVarianceAveragesToKOverEpsPlusKOverTheNormalisedAxes() {
        double[] x = PairKernels.gaussian(13, 24);
        double[][] k = PairKernels.of(BASE, IMG, x, x);
        int p = 12;
        for (double eps : new double[] {1e-12, 0.3}) {
            for (int s = 1; s < AXES.length; s++) {
                double[][] n = PairKernels.of(serial(BASE, layerNorm(AXES[s], eps)), IMG, x, x);
                // Each group: the positions sharing a row (W normalised), a column (H normalised), or all.
                for (int fixed = 0; fixed < p; fixed++) {
                    double sumK = 0, sumN = 0;
                    int count = 0;
                    for (int h = 0; h < p; h++) {
                        boolean same = (OVER[s][0] || h / 4 == fixed / 4) && (OVER[s][1] || h % 4 == fixed % 4);
                        if (same) {
                            sumK += k[0][h * p + h];
                            sumN += n[0][h * p + h];
                            count++;
                        }
                    }
                    double kbar = sumK / count;
                    assertEquals(kbar / (eps + kbar), sumN / count, 1e-14,
                            java.util.Arrays.toString(AXES[s]) + " eps " + eps + " group of " + fixed);
                }
            }
        }
    }

    @Test
    void spatialAxesFusedAfterAConvolutionAndUnfusedAgreeBitForBitInBothPrecisions() {
        InputShape shape = new InputShape(new int[] {4, 5}, 2);
        double[] x1 = PairKernels.gaussian(17, 40), x2 = PairKernels.gaussian(18, 40);
        for (int[] axes : new int[][] {{1, 2, 3}, {1, 3}, {-2, -1}}) {
            Layer net = serial(conv(2, 3, 3).padding(SAME).wStd(1.4).bStd(0.1), layerNorm(axes, 1e-3), gelu(),
                    conv(2, 3, 3).padding(CIRCULAR).wStd(1.4).bStd(0.1), layerNorm(axes, 1e-12), relu(), globalAvgPool(),
                    dense(1, 1.3, 0.1));
            for (Precision precision : Precision.values()) {
                double[][] out = new double[4][1];
                for (int v = 0; v < 2; v++) {
                    Network n = Network.compile(net, shape, false, v == 0, precision);
                    org.ntk4j.core.Workspace ws = n.newWorkspace();
                    double[] c1 = new double[n.chainLength()], c2 = new double[n.chainLength()];
                    n.self(x1, c1, ws, new double[1], new double[1], 0);
                    n.self(x2, c2, ws, new double[1], new double[1], 0);
                    n.pair(x1, c1, x2, c2, ws, out[2 * v], out[2 * v + 1], 0);
                }
                String what = java.util.Arrays.toString(axes) + " " + precision;
                assertEquals(out[2][0], out[0][0], 0.0, what);
                assertEquals(out[3][0], out[1][0], 0.0, what);
            }
        }
    }

    @Test
    void spatialAxesFloat32AgreesWithFloat64() {
        INDArray x = Seeded.gaussian(19, 4, 5, 5, 2);
        for (int[] axes : new int[][] {{1, 2, 3}, {2, -1}}) {
            Layer net = serial(conv(2, 3, 3).padding(SAME).wStd(1.4).bStd(0.1), layerNorm(axes, 1e-3), gelu(),
                    conv(2, 3, 3).padding(SAME).wStd(1.4).bStd(0.1), layerNorm(axes, 1e-12), relu(), globalAvgPool(),
                    dense(1, 1.3, 0.1));
            Kernel d = net.kernel(x);
            Kernel f = net.withPrecision(Precision.FLOAT32).kernel(x);
            double err = Math.max(KernelAsserts.relativeError(d.nngp(), f.nngp()),
                    KernelAsserts.relativeError(d.ntk(), f.ntk()));
            System.out.printf("LayerNorm axis=%s CNN float32 vs float64 %.1e%n", java.util.Arrays.toString(axes), err);
            assertEquals(0, err, 1e-5);
        }
    }

    @Test
    void positiveChannelIndexOnVectorsMatchesMinusOneThroughFcnBlocks() {
        INDArray x = Seeded.gaussian(21, 5, 4);
        Kernel minus = serial(dense(3, 1.3, 0.1), layerNorm(new int[] {-1}, 1e-3), relu(), dense(1)).kernel(x);
        Kernel one = serial(dense(3, 1.3, 0.1), layerNorm(new int[] {1}, 1e-3), relu(), dense(1)).kernel(x);
        assertClose(minus.nngp(), one.nngp(), 1e-12, "nngp");
        assertClose(minus.ntk(), one.ntk(), 1e-12, "ntk");
    }

    @Test
    void specAndBadInput() {
        assertEquals("LayerNorm(axis=[-1], eps=1.0E-12)", NetworkSpec.parse("{\"type\": \"LayerNorm\"}").toString());
        assertEquals("LayerNorm(axis=[3], eps=0.001)",
                NetworkSpec.parse("{\"type\": \"LayerNorm\", \"axis\": 3, \"eps\": 0.001}").toString());
        assertEquals("LayerNorm(axis=[-1], eps=1.0E-12)",
                NetworkSpec.parse("{\"type\": \"LayerNorm\", \"axis\": [-1]}").toString());
        INDArray img = Seeded.gaussian(1, 2, 3, 3, 2);
        // axis 3 is the channel axis of (N, H, W, C): accepted; so are the channel and spatial axes.
        serial(conv(2, 2, 2), layerNorm(new int[] {3}, 1e-3)).kernel(img);
        serial(conv(2, 2, 2), layerNorm(new int[] {1, 2, 3}, 1e-3)).kernel(img);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> serial(conv(2, 2, 2), layerNorm(new int[] {0, 1, 2, 3}, 1e-12)).kernel(img));
        assertEquals("LayerNorm(axis=[0, 1, 2, 3], eps=1.0E-12) at layer 1: normalisation over the batch axis (axis 0 of "
                + "activations of shape (N, 2, 2, 2)) is not supported; normalise over the channel axis and any spatial axes",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> serial(conv(2, 2, 2), layerNorm(new int[] {-4, -1}, 1e-12))
                .kernel(img));
        assertTrue(e.getMessage().contains(": normalisation over the batch axis (axis -4 of"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> serial(conv(2, 2, 2), layerNorm(new int[] {1, 2}, 1e-12))
                .kernel(img));
        assertEquals("LayerNorm(axis=[1, 2], eps=1.0E-12) at layer 1: axis=[1, 2] lacks the channel axis (-1, or 3 for "
                + "activations of shape (N, 2, 2, 2)), which neural-tangents requires for an infinite-width kernel",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> serial(conv(2, 2, 2), layerNorm(new int[] {4}, 1e-12)).kernel(img));
        assertEquals("LayerNorm(axis=[4], eps=1.0E-12) at layer 1: axis 4 is out of range for activations of shape "
                + "(N, 2, 2, 2) (4 axes)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> serial(conv(2, 2, 2), layerNorm(new int[] {-1, -5}, 1e-12))
                .kernel(img));
        assertTrue(e.getMessage().startsWith("LayerNorm(axis=[-1, -5], eps=1.0E-12) at layer 1: axis -5 is out of range"),
                e.getMessage());
        // Vectors (N, C): axis 1 is the channel axis, 0 the batch axis.
        INDArray vec = Seeded.gaussian(2, 3, 4);
        serial(dense(2), layerNorm(new int[] {1}, 1e-12)).kernel(vec);
        e = assertThrows(IllegalArgumentException.class, () -> serial(dense(2), layerNorm(new int[] {0, 1}, 1e-12)).kernel(vec));
        assertTrue(e.getMessage().contains("normalisation over the batch axis (axis 0 of activations of shape (N, 2))"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> serial(conv(2, 2, 2), flatten(), layerNorm()).kernel(img));
        assertEquals("LayerNorm(axis=[-1], eps=1.0E-12) at layer 2: the input to LayerNorm must be Gaussian, but it follows "
                + "Flatten, whose output is not Gaussian; put a Dense layer between them (input shape (N, 8))", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> layerNorm(new int[] {-1}, -1));
        assertEquals("LayerNorm: eps must be a finite non-negative number, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> layerNorm(new int[0], 1e-12));
        assertEquals("LayerNorm: axis must name at least one axis (the channel axis, -1)", e.getMessage());
    }
}

package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Precision;
import org.ntk4j.layers.spec.NetworkSpec;
import org.ntk4j.testkit.KernelAsserts;
import org.ntk4j.testkit.Seeded;

/**
 * Dropout: test mode is the identity; train mode multiplies an example's entries with itself at the
 * same position by 1/rate (the diagonal of K(X, X) and every self-covariance), as neural-tangents with
 * {@code x1_is_x2}, and nothing in a cross Gram but the self-covariances the next nonlinearity reads.
 */
class DropoutTest {
    private static final INDArray X = Seeded.gaussian(31, 4, 5);
    private static final INDArray X2 = Seeded.gaussian(32, 3, 5);

    /** Dense(1, 1.3, 0.1) on vectors: 1.69·x·x'/D + 0.01 (also its ntk). */
    private static double k0(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += a[c] * b[c];
        }
        return 1.69 * s / a.length + 0.01;
    }

    @Test
    void trainModeWithANonSymmetricQuadratureIsRefused() {
        Layer net = serial(dense(4, 1.5, 0.1), dropout(0.8), dense(4, 1.5, 0.1), elementwiseNumerical("tanh", 9),
                dense(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.kernel(Seeded.gaussian(3, 3, 5)));
        assertTrue(e.getMessage().startsWith("Dropout(rate=0.8, mode=train) at layer 1 needs each input's pass with "
                + "itself for the Gram diagonal"), e.getMessage());
        // Test mode is the identity and combines with anything.
        Layer test = serial(dense(4, 1.5, 0.1), dropout(0.8, "test"), dense(4, 1.5, 0.1),
                elementwiseNumerical("tanh", 9), dense(1));
        assertEquals(3, test.kernel(Seeded.gaussian(3, 3, 5)).nngp().rows());
    }

    @Test
    void trainModeDoublesTheSelfEntriesAtRateOneHalf() {
        Layer net = serial(dense(1, 1.3, 0.1), dropout(0.5));
        double[][] r = Inputs.rows(X, "x");
        Kernel k = net.kernel(X);
        Kernel cross = net.kernel(X, X2);
        double[][] r2 = Inputs.rows(X2, "x2");
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < r.length; j++) {
                double expected = (i == j ? 2 : 1) * k0(r[i], r[j]);
                assertEquals(expected, k.nngp().getDouble(i, j), 1e-15 * Math.abs(expected), "nngp " + i + "," + j);
                assertEquals(expected, k.ntk().getDouble(i, j), 1e-15 * Math.abs(expected), "ntk " + i + "," + j);
            }
            for (int j = 0; j < r2.length; j++) {
                assertEquals(k0(r[i], r2[j]), cross.nngp().getDouble(i, j), 1e-15, "cross nngp " + i + "," + j);
            }
        }
    }

    @Test
    void trainModeSelfVariancesReachTheNextNonlinearity() {
        double rate = 0.5;
        Layer net = serial(dense(1, 1.3, 0.1), dropout(rate), dense(1, 1.2, 0.1), relu(), dense(1, 1.1));
        double[][] r1 = Inputs.rows(X, "x"), r2 = Inputs.rows(X2, "x2");
        Kernel sym = net.kernel(X);
        Kernel cross = net.kernel(X, X2);
        Kernel perUnit = Gram.of(net).chainMemory(0).threads(2).tileSize(3).compute(X);
        double worst = 0;
        for (int c = 0; c < 2; c++) {
            double[][] rows2 = c == 0 ? r1 : r2;
            Kernel k = c == 0 ? sym : cross;
            for (int i = 0; i < r1.length; i++) {
                for (int j = 0; j < rows2.length; j++) {
                    boolean self = c == 0 && i == j;
                    double kd = (self ? 1 / rate : 1) * k0(r1[i], rows2[j]);
                    double q12 = 1.44 * kd + 0.01;
                    double ntk2 = q12 + 1.44 * kd;
                    double q11 = 1.44 * k0(r1[i], r1[i]) / rate + 0.01;
                    double q22 = 1.44 * k0(rows2[j], rows2[j]) / rate + 0.01;
                    double[] relu = PairKernels.relu(q12, q11, q22);
                    double nngp = 1.21 * relu[0];
                    double ntk = nngp + 1.21 * ntk2 * relu[1];
                    worst = Math.max(worst, Math.abs(k.nngp().getDouble(i, j) - nngp) / nngp);
                    worst = Math.max(worst, Math.abs(k.ntk().getDouble(i, j) - ntk) / ntk);
                }
            }
        }
        System.out.printf("Dropout train FCN vs hand formula: max rel err %.1e%n", worst);
        assertEquals(0, worst, 1e-14);
        assertArrayEquals(sym.nngp().data().asDouble(), perUnit.nngp().data().asDouble(), 0.0);
        assertArrayEquals(sym.ntk().data().asDouble(), perUnit.ntk().data().asDouble(), 0.0);
    }

    @Test
    void trainModeScalesOnlyTheSpatialDiagonalOfTheFullCovariance() {
        double rate = 0.8;
        INDArray img = Seeded.gaussian(33, 3, 4, 4, 2);
        Layer body = serial(conv(2, 3, 3).padding(SAME).wStd(1.4).bStd(0.1), relu(), conv(2, 3, 3).padding(SAME).wStd(1.2));
        Kernel withDropout = serial(body, dropout(rate), globalAvgPool()).kernel(img);
        Kernel gap = serial(body, globalAvgPool()).kernel(img);
        Kernel flat = serial(body, flatten()).kernel(img);
        double worst = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int t = 0; t < 2; t++) {
                    INDArray g = t == 0 ? gap.nngp() : gap.ntk();
                    INDArray f = t == 0 ? flat.nngp() : flat.ntk();
                    INDArray d = t == 0 ? withDropout.nngp() : withDropout.ntk();
                    // GAP = 1/P² Σ_{p,p'} K; the diagonal's extra (1/rate − 1)·Σ_p K[p,p]/P² = (1/rate − 1)·Flatten/P.
                    double expected = g.getDouble(i, j) + (i == j ? (1 / rate - 1) * f.getDouble(i, j) / 16 : 0);
                    worst = Math.max(worst, Math.abs(d.getDouble(i, j) - expected) / Math.abs(expected));
                }
            }
        }
        System.out.printf("Dropout train CNN full covariance vs GAP + Flatten: max rel err %.1e%n", worst);
        assertEquals(0, worst, 1e-14);
        Kernel single = serial(body, dropout(rate), globalAvgPool(), dense(1, 1.3, 0.1), relu(), dense(1))
                .withPrecision(Precision.FLOAT32).kernel(img);
        Kernel dbl = serial(body, dropout(rate), globalAvgPool(), dense(1, 1.3, 0.1), relu(), dense(1)).kernel(img);
        double err = Math.max(KernelAsserts.relativeError(dbl.nngp(), single.nngp()),
                KernelAsserts.relativeError(dbl.ntk(), single.ntk()));
        System.out.printf("Dropout train float32 vs float64 %.1e%n", err);
        assertEquals(0, err, 1e-5);
    }

    @Test
    void testModeIsTheIdentity() {
        Layer with = serial(dense(3, 1.3, 0.1), relu(), dropout(0.3, "test"), dense(1, 1.2, 0.1), relu(), dense(1));
        Layer without = serial(dense(3, 1.3, 0.1), relu(), dense(1, 1.2, 0.1), relu(), dense(1));
        Kernel a = with.kernel(X, X2);
        Kernel b = without.kernel(X, X2);
        assertArrayEquals(b.nngp().data().asDouble(), a.nngp().data().asDouble(), 0.0);
        assertArrayEquals(b.ntk().data().asDouble(), a.ntk().data().asDouble(), 0.0);
        assertTrue(dropout(0.3, "test").scalarPairs());
        assertFalse(dropout(0.3).scalarPairs());
        // Test mode keeps the input Gaussian: a nonlinearity may follow.
        serial(dense(2), dropout(0.3, "test"), relu()).kernel(X);
    }

    @Test
    void specAndBadInput() {
        assertEquals("Dropout(rate=0.5, mode=train)", NetworkSpec.parse("{\"type\": \"Dropout\", \"rate\": 0.5}").toString());
        assertEquals("Dropout(rate=0.9, mode=test)",
                NetworkSpec.parse("{\"type\": \"Dropout\", \"rate\": 0.9, \"mode\": \"test\"}").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dropout(0));
        assertEquals("Dropout: rate (the keep probability) must be in (0, 1], got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> dropout(1.5));
        assertEquals("Dropout: rate (the keep probability) must be in (0, 1], got 1.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dropout(Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> dropout(0.5, "eval"));
        assertEquals("Dropout: mode must be 'train' or 'test', got 'eval'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> serial(dropout(0.5), dense(1)).kernel(X));
        assertEquals("Dropout(rate=0.5, mode=train) at layer 0: Dropout in train mode cannot be applied to the input layer "
                + "(as in neural-tangents); put a Dense or Conv layer first", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> serial(dense(2), dropout(0.5), relu()).kernel(X));
        assertEquals("Relu at layer 2: the input to a nonlinearity must be Gaussian, but it follows Dropout; a random affine "
                + "layer (Dense or Conv) is required first (input shape (N, 2))", e.getMessage().replace("Relu()", "Relu"));
    }
}

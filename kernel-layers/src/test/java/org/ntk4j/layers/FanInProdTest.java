package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ntk4j.layers.Layers.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Precision;
import org.ntk4j.layers.spec.NetworkSpec;
import org.ntk4j.testkit.Seeded;

/** FanInProd: K' = Π K_i and Θ' = Σ_i Θ_i Π_{j≠i} K_j against each branch's own kernels, entry by entry. */
class FanInProdTest {
    private static final INDArray X = Seeded.gaussian(41, 5, 6);
    private static final INDArray X2 = Seeded.gaussian(42, 4, 6);

    @Test
    void productOfBranchKernelsFcn() {
        Layer a = serial(dense(1, 1.3, 0.1), relu(), dense(1, 1.1, 0.05));
        Layer b = serial(dense(1, 0.9, 0.2), erf(), dense(1, 1.4));
        Layer c = dense(1, 0.7, 0.3);
        Kernel ka = a.kernel(X, X2), kb = b.kernel(X, X2), kc = c.kernel(X, X2);
        Kernel two = serial(fanOut(2), parallel(a, b), fanInProd()).kernel(X, X2);
        Kernel three = serial(fanOut(3), parallel(a, b, c), fanInProd(), dense(1, 1.2, 0.1)).kernel(X, X2);
        double[] na = ka.nngp().data().asDouble(), ta = ka.ntk().data().asDouble();
        double[] nb = kb.nngp().data().asDouble(), tb = kb.ntk().data().asDouble();
        double[] nc = kc.nngp().data().asDouble(), tc = kc.ntk().data().asDouble();
        double[] n2 = two.nngp().data().asDouble(), t2 = two.ntk().data().asDouble();
        double[] n3 = three.nngp().data().asDouble(), t3 = three.ntk().data().asDouble();
        double worst = 0;
        for (int i = 0; i < na.length; i++) {
            double nngp2 = na[i] * nb[i];
            double ntk2 = ta[i] * nb[i] + na[i] * tb[i];
            double prod3 = na[i] * nb[i] * nc[i];
            double nngp3 = 1.44 * prod3 + 0.01;
            double ntk3 = nngp3 + 1.44 * (ta[i] * nb[i] * nc[i] + na[i] * tb[i] * nc[i] + na[i] * nb[i] * tc[i]);
            worst = Math.max(worst, Math.max(Math.abs(n2[i] - nngp2) / Math.abs(nngp2), Math.abs(t2[i] - ntk2) / Math.abs(ntk2)));
            worst = Math.max(worst, Math.max(Math.abs(n3[i] - nngp3) / Math.abs(nngp3), Math.abs(t3[i] - ntk3) / Math.abs(ntk3)));
        }
        System.out.printf("FanInProd FCN (2 and 3 branches) vs branch products: max rel err %.1e%n", worst);
        assertEquals(0, worst, 1e-14);
    }

    @Test
    void productOfBranchKernelsOnTheFullSpatialCovariance() {
        InputShape shape = new InputShape(new int[] {3, 3}, 2);
        double[] x1 = PairKernels.gaussian(43, 18), x2 = PairKernels.gaussian(44, 18);
        Layer stem = serial(conv(2, 2, 2).padding(SAME).wStd(1.3).bStd(0.1), relu());
        Layer a = conv(2, 3, 3).padding(SAME).wStd(1.2).bStd(0.1);
        Layer b = serial(conv(2, 2, 2).padding(CIRCULAR).wStd(1.5), gelu());
        double[][] ka = PairKernels.of(serial(stem, a), shape, x1, x2), kb = PairKernels.of(serial(stem, b), shape, x1, x2);
        double[][] k = PairKernels.of(serial(stem, fanOut(2), parallel(a, b), fanInProd()), shape, x1, x2);
        double[][] self = PairKernels.of(serial(stem, fanOut(2), parallel(a, b), fanInProd()), shape, x1, x1);
        double[][] sa = PairKernels.of(serial(stem, a), shape, x1, x1), sb = PairKernels.of(serial(stem, b), shape, x1, x1);
        assertEquals(81, k[0].length);
        double worst = 0;
        for (int i = 0; i < 81; i++) {
            worst = Math.max(worst, Math.abs(k[0][i] - ka[0][i] * kb[0][i]) / Math.abs(ka[0][i] * kb[0][i]));
            double ntk = ka[1][i] * kb[0][i] + ka[0][i] * kb[1][i];
            worst = Math.max(worst, Math.abs(k[1][i] - ntk) / Math.abs(ntk));
            worst = Math.max(worst, Math.abs(self[0][i] - sa[0][i] * sb[0][i]) / Math.abs(sa[0][i] * sb[0][i]));
        }
        System.out.printf("FanInProd CNN full covariance vs branch products: max rel err %.1e%n", worst);
        assertEquals(0, worst, 1e-14);
        // A Conv then a nonlinearity after the product read its self-covariance: float32 agrees with float64.
        Layer net = serial(stem, fanOut(2), parallel(a, b), fanInProd(), conv(2, 2, 2).padding(SAME).wStd(1.3), relu(),
                globalAvgPool(), dense(1, 1.2, 0.1));
        double[][] d = PairKernels.of(net, shape, x1, x2);
        double[][] f = PairKernels.of(net, shape, x1, x2, Precision.FLOAT32);
        double err = Math.max(Math.abs(d[0][0] - f[0][0]) / Math.abs(d[0][0]), Math.abs(d[1][0] - f[1][0]) / Math.abs(d[1][0]));
        System.out.printf("FanInProd float32 vs float64 %.1e%n", err);
        assertEquals(0, err, 1e-5);
    }

    @Test
    void specAndBadInput() {
        assertEquals("FanInProd()", NetworkSpec.parse("{\"type\": \"FanInProd\"}").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> serial(fanOut(2), parallel(dense(2), dense(2)), fanInProd(), relu()).kernel(X));
        assertEquals("Relu() at layer 3: the input to a nonlinearity must be Gaussian, but it follows FanInProd; a random "
                + "affine layer (Dense or Conv) is required first (input shape (N, 2))", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> serial(fanOut(2), parallel(dense(2), dense(3)), fanInProd()).kernel(X));
        assertEquals("FanInProd() at layer 2: branch 1 has shape (N, 3) but branch 0 has (N, 2); all shapes must match",
                e.getMessage());
    }
}

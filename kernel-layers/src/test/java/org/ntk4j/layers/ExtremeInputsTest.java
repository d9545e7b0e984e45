package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.Precision;
import org.ntk4j.testkit.KernelAsserts;
import org.ntk4j.testkit.Seeded;

/**
 * Issue "Robustness" §1–2: right numbers at every representable scale (the arc-cosine's
 * {@code q11·q22} must neither overflow nor underflow), a clear refusal where the kernel is not
 * representable, and exact or high-precision entries for identical and nearly identical inputs.
 */
class ExtremeInputsTest {
    private static final Layer FCN = serial(dense(16, 1.5), relu(), dense(16, 1.5), relu(), dense(1, 1.5));
    private static final Layer GAP = serial(conv(4, 3, 3).padding(SAME).wStd(1.5), relu(),
            conv(4, 3, 3).padding(CIRCULAR).wStd(1.5), relu(), globalAvgPool(), dense(1, 1.5));

    /** Without biases the ReLU kernels are homogeneous of degree 2: K(λx, λx') = λ²·K(x, x'). */
    private static void assertHomogeneous(KernelFunction net, INDArray x, double lambda, double tol) {
        Kernel unit = net.kernel(x);
        Kernel scaled = net.kernel(x.mul(lambda));
        double l2 = lambda * lambda;
        KernelAsserts.assertClose(unit.nngp().mul(l2), scaled.nngp(), tol, "nngp at scale " + lambda);
        KernelAsserts.assertClose(unit.ntk().mul(l2), scaled.ntk(), tol, "ntk at scale " + lambda);
    }

    @ParameterizedTest(name = "float64, inputs × {0}")
    @ValueSource(doubles = {1e150, 1e100, 1e-100, 1e-150})
    void float64KernelsStayRightAtExtremeScales(double lambda) {
        assertHomogeneous(FCN, Seeded.gaussian(1, 5, 20), lambda, 1e-13);
        assertHomogeneous(GAP, Seeded.gaussian(2, 3, 5, 5, 2), lambda, 1e-13);
    }

    @ParameterizedTest(name = "float32, inputs × {0}")
    @ValueSource(doubles = {1e10, 1e8, 1e-8, 1e-13})
    void float32KernelsStayRightAtExtremeScales(double lambda) {
        assertHomogeneous(FCN.withPrecision(Precision.FLOAT32), Seeded.gaussian(3, 5, 20), lambda, 1e-5);
        assertHomogeneous(GAP.withPrecision(Precision.FLOAT32), Seeded.gaussian(4, 3, 5, 5, 2), lambda, 1e-5);
    }

    @Test
    void unrepresentableKernelsAreRefusedNamingEntryAndLayer() {
        INDArray huge = Seeded.gaussian(5, 4, 20).mul(1e25);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FCN.withPrecision(Precision.FLOAT32).kernel(huge));
        assertTrue(e.getMessage().matches("the (nngp|ntk) entry \\(\\d+, \\d+\\) is not finite: first non-finite after "
                + "layer \\d, .*; the kernel values are not representable in float32 \\(use float64, or rescale the inputs\\)"),
                e.getMessage());
        IllegalArgumentException e64 = assertThrows(IllegalArgumentException.class,
                () -> GAP.kernel(Seeded.gaussian(6, 2, 5, 5, 2).mul(1e160)));
        assertTrue(e64.getMessage().contains("not representable in float64 (rescale the inputs)"), e64.getMessage());
    }

    /** Issue "Robustness" §4: a pooled network on large images is refused up front, not by OutOfMemoryError. */
    @Test
    void pooledNetworksThatCannotFitAreRefusedBeforeAnyWork() {
        Layer gap = serial(conv(1, 3, 3).padding(SAME), relu(), globalAvgPool(), dense(1));
        IllegalArgumentException heap = assertThrows(IllegalArgumentException.class,
                () -> Gram.of(gap).threads(2).compute(Nd4j.zeros(2, 160, 160, 1)));
        assertTrue(heap.getMessage().matches("this Gram build needs about [0-9.]+ GiB of heap for its worker state "
                + "\\([0-9.]+ GiB per thread × 2 threads: .*\\), but the heap is [0-9.]+ GiB; .*use smaller inputs, or a "
                + "larger heap \\(-Xmx; NTK4J_JAVA_OPTS for bin/ntk4j\\)"), heap.getMessage());
        IllegalArgumentException array = assertThrows(IllegalArgumentException.class,
                () -> gap.kernel(Nd4j.zeros(2, 224, 224, 1)));
        assertTrue(array.getMessage().contains("the full spatial covariance of 50176 positions has 2517630976 entries "
                + "per pair, more than one Java array holds"), array.getMessage());
    }

    /** Rows 0 and 3 identical (D = 784, as MNIST), with biases. */
    private static INDArray withDuplicate(long seed) {
        INDArray x = Seeded.gaussian(seed, 6, 784);
        x.putRow(3, x.getRow(0).dup());
        return x;
    }

    private static final Layer DEEP = serial(dense(1, 1.5, 0.1), relu(), dense(1, 1.5, 0.1), relu(), dense(1, 1.5, 0.1),
            relu(), dense(1, 1.5, 0.1), relu(), dense(1, 1.5, 0.1));

    @Test
    void identicalRowsGetTheDiagonalValueExactly() {
        INDArray x = withDuplicate(7);
        Kernel k = DEEP.kernel(x);
        for (INDArray m : new INDArray[] {k.nngp(), k.ntk()}) {
            assertEquals(m.getDouble(0, 0), m.getDouble(0, 3), 1e-14 * m.getDouble(0, 0));
            assertEquals(m.getDouble(3, 3), m.getDouble(3, 0), 1e-14 * m.getDouble(0, 0));
        }
        // A cross build whose x2 holds x1's row 0: the entry equals the self value too.
        INDArray x2 = x.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all()).dup();
        Kernel cross = DEEP.kernel(x, x2);
        assertEquals(k.ntk().getDouble(0, 0), cross.ntk().getDouble(0, 1), 1e-14 * k.ntk().getDouble(0, 0));
        assertEquals(k.nngp().getDouble(0, 0), cross.nngp().getDouble(0, 1), 1e-14 * k.nngp().getDouble(0, 0));
    }

    /**
     * Rows at relative distance 1e-6 and 1e-4 agree with the 60-digit reference to 1e-10 (measured
     * 3.5e-11 and 2.3e-13 for the NTK through four ReLU layers). What made the 1e-6 case 20× worse
     * before (6.5e-10) was the input covariance summed in one running sum over D = 784; it is now
     * summed as BLAS does ({@code SpatialOps.dot}), whose smaller rounding the arc-cosine's angle
     * near 0 magnifies less.
     */
    @ParameterizedTest(name = "relative distance {0}")
    @ValueSource(doubles = {1e-6, 1e-4})
    void nearlyIdenticalRowsMatchAHighPrecisionReference(double distance) {
        INDArray x = Seeded.gaussian(8, 3, 784);
        INDArray dir = Seeded.gaussian(9, 1, 784);
        INDArray near = x.getRow(0).add(dir.mul(distance * x.getRow(0).norm2Number().doubleValue()
                / dir.norm2Number().doubleValue()));
        x.putRow(2, near);
        Kernel k = Gram.of(DEEP).compute(x);
        double[][] ref = BigReluFcn.kernel(x.getRow(0).toDoubleVector(), x.getRow(2).toDoubleVector(), 4, 1.5, 0.1);
        assertEquals(1.0, k.nngp().getDouble(0, 2) / ref[0][0], 1e-10, "nngp");
        System.out.printf("relative distance %.0e: nngp %.1e, ntk %.1e from the 60-digit reference%n", distance,
                Math.abs(k.nngp().getDouble(0, 2) / ref[0][0] - 1), Math.abs(k.ntk().getDouble(0, 2) / ref[0][1] - 1));
        assertEquals(1.0, k.ntk().getDouble(0, 2) / ref[0][1], 1e-10, "ntk");
    }

    /**
     * A ReLU FCN ({@code depth} hidden layers, ntk parameterisation, same W_std and b_std throughout,
     * width-1 readout) in 60-digit decimal arithmetic: the reference for nearly parallel inputs.
     */
    static final class BigReluFcn {
        private static final MathContext MC = new MathContext(60);
        private static final BigDecimal PI = new BigDecimal(
                "3.14159265358979323846264338327950288419716939937510582097494459");

        /** {nngp, ntk} of (x, y). */
        static double[][] kernel(double[] x, double[] y, int depth, double wStd, double bStd) {
            BigDecimal d = BigDecimal.valueOf(x.length);
            BigDecimal q11 = BigDecimal.ZERO, q22 = BigDecimal.ZERO, q12 = BigDecimal.ZERO;
            for (int i = 0; i < x.length; i++) {
                BigDecimal a = new BigDecimal(x[i]), b = new BigDecimal(y[i]);
                q11 = q11.add(a.multiply(a)); q22 = q22.add(b.multiply(b)); q12 = q12.add(a.multiply(b));
            }
            q11 = q11.divide(d, MC); q22 = q22.divide(d, MC); q12 = q12.divide(d, MC);
            BigDecimal w2 = new BigDecimal(wStd).multiply(new BigDecimal(wStd)), b2 = new BigDecimal(bStd).multiply(new BigDecimal(bStd));
            BigDecimal t12 = BigDecimal.ZERO;
            for (int l = 0; l <= depth; l++) {
                // Dense
                q11 = w2.multiply(q11, MC).add(b2); q22 = w2.multiply(q22, MC).add(b2);
                q12 = w2.multiply(q12, MC).add(b2);
                t12 = q12.add(w2.multiply(t12, MC));
                if (l == depth) {
                    break;
                }
                // ReLU: theta from the small-angle-safe asin(s / sqrt(q11 q22)).
                BigDecimal norm = q11.multiply(q22, MC).sqrt(MC);
                BigDecimal s = norm.multiply(norm, MC).subtract(q12.multiply(q12, MC)).max(BigDecimal.ZERO).sqrt(MC);
                BigDecimal theta = asin(s.divide(norm, MC));
                BigDecimal two = BigDecimal.valueOf(2);
                BigDecimal kdot = PI.subtract(theta).divide(two.multiply(PI), MC);
                q12 = s.add(PI.subtract(theta).multiply(q12, MC)).divide(two.multiply(PI), MC);
                q11 = q11.divide(two, MC); q22 = q22.divide(two, MC);
                t12 = t12.multiply(kdot, MC);
            }
            return new double[][] {{q12.doubleValue(), t12.doubleValue()}};
        }

        /** asin(z) for 0 ≤ z ≤ 0.01 by its Taylor series. */
        private static BigDecimal asin(BigDecimal z) {
            if (z.compareTo(new BigDecimal("0.01")) > 0) {
                throw new IllegalArgumentException("reference only for small angles, z = " + z);
            }
            BigDecimal z2 = z.multiply(z, MC), term = z, sum = z;
            for (int n = 1; n < 40; n++) {
                // term_n = term_{n-1} · (2n−1)² / (2n(2n+1)) · z²
                term = term.multiply(BigDecimal.valueOf((2L * n - 1) * (2L * n - 1)))
                        .divide(BigDecimal.valueOf(2L * n * (2L * n + 1)), MC).multiply(z2, MC);
                sum = sum.add(term, MC);
            }
            return sum;
        }
    }
}

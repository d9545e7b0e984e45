package org.ntk4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Kernel;

/** Comparisons of kernels and arrays, each failing with the entry and both values. */
public final class KernelAsserts {
    private KernelAsserts() {
    }

    /**
     * Asserts {@code |actual − expected| ≤ rtol·max(|expected|, floor)} entrywise, with
     * {@code floor = 1e-3·max|expected|} so entries near zero are judged against the kernel's scale.
     */
    public static void assertClose(INDArray expected, INDArray actual, double rtol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = values(expected);
        double[] a = values(actual);
        double floor = 1e-3 * maxAbs(e);
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < e.length; i++) {
            double rel = Math.abs(a[i] - e[i]) / Math.max(Math.abs(e[i]), floor);
            if (!(rel <= worst) || Double.isNaN(rel)) {
                worst = rel;
                worstAt = i;
            }
        }
        if (!(worst <= rtol)) {
            fail(String.format("%s: relative error %.3e > %.1e at flat index %d (expected %s, got %s)", what, worst, rtol,
                    worstAt, e[worstAt], a[worstAt]));
        }
    }

    /** The largest entrywise relative error, as judged by {@link #assertClose}. */
    public static double relativeError(INDArray expected, INDArray actual) {
        double[] e = values(expected);
        double[] a = values(actual);
        double floor = 1e-3 * maxAbs(e);
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - e[i]) / Math.max(Math.abs(e[i]), floor));
        }
        return worst;
    }

    /** Asserts the same shape and {@code |actual − expected| ≤ tol·max(1, |expected|)} entrywise (C order). */
    public static void assertEntrywise(INDArray expected, INDArray actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        double[] e = values(expected);
        double[] a = values(actual);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol * Math.max(1.0, Math.abs(e[i])), "entry " + i);
        }
    }

    /** Asserts both kernels have the same shapes and bit-for-bit the same NNGP and NTK (or both no NTK). */
    public static void assertBitIdentical(Kernel expected, Kernel actual) {
        assertArrayEquals(expected.nngp().shape(), actual.nngp().shape(), "nngp shape");
        assertArrayEquals(values(expected.nngp()), values(actual.nngp()), 0.0, "nngp");
        if (expected.ntk() == null) {
            assertNull(actual.ntk(), "ntk");
        } else {
            assertArrayEquals(expected.ntk().shape(), actual.ntk().shape(), "ntk shape");
            assertArrayEquals(values(expected.ntk()), values(actual.ntk()), 0.0, "ntk");
        }
    }

    /** {@code ‖actual − expected‖_F / ‖expected‖_F}. */
    public static double relativeFrobenius(INDArray expected, INDArray actual) {
        return actual.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
    }

    /** {@code max|a − b|}. */
    public static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    private static double[] values(INDArray x) {
        return x.dup('c').data().asDouble();
    }

    private static double maxAbs(double[] e) {
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        return scale;
    }
}

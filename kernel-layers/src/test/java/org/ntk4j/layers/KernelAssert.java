package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Entrywise comparison of kernels with a relative tolerance. */
public final class KernelAssert {
    private KernelAssert() {
    }

    /**
     * Asserts {@code |actual − expected| ≤ rtol·max(|expected|, floor)} entrywise, with
     * {@code floor = 1e-3·max|expected|} so entries near zero are judged against the kernel's scale.
     */
    public static void assertClose(INDArray expected, INDArray actual, double rtol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.dup().data().asDouble();
        double[] a = actual.dup().data().asDouble();
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double floor = 1e-3 * scale;
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
        double[] e = expected.dup().data().asDouble();
        double[] a = actual.dup().data().asDouble();
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - e[i]) / Math.max(Math.abs(e[i]), 1e-3 * scale));
        }
        return worst;
    }
}

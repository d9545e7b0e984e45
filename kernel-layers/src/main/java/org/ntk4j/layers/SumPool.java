package org.ntk4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.core.Padding;
import org.ntk4j.layers.finite.FiniteFace;
import org.ntk4j.layers.spec.LayerType;

/**
 * Sum pooling over a window, as neural-tangents' {@code SumPool}: {@code y[i] = Σ_{d∈w} x[i·s+d−lo]}
 * (SAME padding contributes zeros, CIRCULAR wraps), i.e. {@link AvgPool} without
 * {@code normalize_edges} times |w|.
 *
 * <p>Kernel: {@code K'[i,i'] = Σ_{d,d'∈w} K[i·s+d−lo, i'·s+d'−lo]}, which is AvgPool's kernel times
 * {@code |w|²} (likewise the ntk); it is computed as exactly that: AvgPool's pooling passes, then one
 * scaling. Needs the full spatial covariance at its input. Strides default to 1, padding to VALID.
 */
public final class SumPool extends SingleLayer {
    /** JSON spec type {@code SumPool}: window_shape, strides, padding. */
    static final List<LayerType> SPEC = List.of(new LayerType("SumPool", Set.of("window_shape", "strides", "padding"),
            f -> new SumPool(f.requiredInts("window_shape"), f.ints("strides"), f.padding())));

    /** The same window as an average (normalize_edges false), whose kernel this one scales. */
    private final AvgPool average;
    private final int windowSize;

    SumPool(int[] window, int[] strides, Padding padding) {
        this.average = renamed("SumPool", () -> new AvgPool(window, strides, padding, false));
        int w = 1;
        for (int d : window) {
            w *= d;
        }
        this.windowSize = w;
    }

    /** The same pooling with strides {@code s}. */
    public SumPool strides(int... s) {
        return new SumPool(average.window(), s, average.padding());
    }

    /** The same pooling with padding {@code p}. */
    public SumPool padding(Padding p) {
        return new SumPool(average.window(), average.strides(), p);
    }

    public int[] window() {
        return average.window();
    }

    public int[] strides() {
        return average.strides();
    }

    public Padding padding() {
        return average.padding();
    }

    @Override
    Step step(KernelShape in, String where) {
        return scaled(average.step(in, where), "SumPool", (double) windowSize * windowSize);
    }

    /**
     * {@code inner} (a pooling step) followed by multiplying the nngp and ntk by {@code factor}; the
     * output is produced by {@code name}. Shared with {@link GlobalSumPool}.
     */
    static Step scaled(Step inner, String name, double factor) {
        return new Step(inner.in(), inner.out().producedBy(name, inner.out().gaussian())) {
            @Override
            public boolean needsFull(boolean fullOut) {
                return inner.needsFull(fullOut);
            }

            @Override
            public void fix(boolean fullIn, boolean fullOut, Compilation c) {
                inner.fix(fullIn, fullOut, c);
                super.fix(fullIn, fullOut, c);
            }

            @Override
            public void apply(KernelState k) {
                inner.apply(k);
                k.scale(this.out.length(), factor);
                k.setShape(this.out);
            }
        };
    }

    /** Builds with {@code make}, reporting its argument errors under {@code name} rather than the wrapped layer's. */
    static <T> T renamed(String name, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int colon = m.indexOf(':');
            throw new IllegalArgumentException(name + (colon >= 0 ? m.substring(colon) : ": " + m), e);
        }
    }

    /** Finite width: the window sum. */
    @Override
    public FiniteFace finite() {
        return FiniteFace.pool(window(), strides(), padding(), false, true);
    }

    @Override
    public String toString() {
        return "SumPool(window_shape=" + Arrays.toString(average.window()) + ", strides="
                + Arrays.toString(average.strides()) + ", padding=" + average.padding() + ")";
    }
}

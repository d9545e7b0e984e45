package org.ntk4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.ntk4j.core.AxisTaps;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.core.Padding;
import org.ntk4j.layers.finite.FiniteFace;
import org.ntk4j.layers.spec.LayerType;

/**
 * Average pooling over a window (LocalAvgPool), as neural-tangents' {@code AvgPool}.
 *
 * <p>Kernel: {@code K'[i,i'] = Σ_{d,d'∈w} ω_i(d)·ω_{i'}(d')·K[i·s+d−lo, i'·s+d'−lo]} with
 * {@code ω = 1/|w|} (taps in SAME padding contribute 0), or {@code ω = 1/(non-padded taps)} with
 * {@code normalizeEdges}; CIRCULAR wraps. It reads off-diagonal entries, so its input is always held
 * in full storage. Strides default to 1, padding to VALID.
 */
public final class AvgPool extends SingleLayer {
    /** JSON spec type {@code AvgPool}: window_shape, strides, padding, normalize_edges. */
    static final List<LayerType> SPEC = List.of(new LayerType("AvgPool",
            Set.of("window_shape", "strides", "padding", "normalize_edges"),
            f -> new AvgPool(f.requiredInts("window_shape"), f.ints("strides"), f.padding(), f.bool("normalize_edges", false))));

    private final int[] window;
    private final int[] strides;
    private final Padding padding;
    private final boolean normalizeEdges;

    AvgPool(int[] window, int[] strides, Padding padding, boolean normalizeEdges) {
        if (window == null || window.length == 0) {
            throw new IllegalArgumentException("AvgPool: window_shape must name at least one spatial dim");
        }
        for (int w : window) {
            if (w < 1) {
                throw new IllegalArgumentException("AvgPool: window_shape must be positive, got " + Arrays.toString(window));
            }
        }
        int[] s = strides == null ? Conv.ones(window.length) : strides.clone();
        if (s.length != window.length) {
            throw new IllegalArgumentException("AvgPool: strides " + Arrays.toString(s)
                    + " must have one entry per window dim " + Arrays.toString(window));
        }
        for (int v : s) {
            if (v < 1) {
                throw new IllegalArgumentException("AvgPool: strides must be positive, got " + Arrays.toString(s));
            }
        }
        this.window = window.clone();
        this.strides = s;
        this.padding = padding == null ? Padding.VALID : padding;
        this.normalizeEdges = normalizeEdges;
    }

    /** The same pooling with strides {@code s}. */
    public AvgPool strides(int... s) {
        return new AvgPool(window, s, padding, normalizeEdges);
    }

    /** The same pooling with padding {@code p}. */
    public AvgPool padding(Padding p) {
        return new AvgPool(window, strides, p, normalizeEdges);
    }

    /** The same pooling, normalising SAME edges by the number of non-padded taps when {@code on}. */
    public AvgPool normalizeEdges(boolean on) {
        return new AvgPool(window, strides, padding, on);
    }

    public int[] window() {
        return window.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    public Padding padding() {
        return padding;
    }

    /** Whether SAME edges are divided by the number of non-padded taps rather than |window|. */
    public boolean normalizeEdges() {
        return normalizeEdges;
    }

    @Override
    Step step(KernelShape in, String where) {
        AxisTaps[] taps = LayerSupport.taps(where, in, window, strides, padding, normalizeEdges, "window_shape");
        KernelShape out = in.withSpatial(LayerSupport.outDims(taps)).producedBy("AvgPool", in.gaussian());
        return new Step(in, out) {
            @Override
            public boolean needsFull(boolean fullOut) {
                return true;
            }

            @Override
            public void apply(KernelState k) {
                // Input in full storage (or a single position, where both storages are one entry).
                k.sweep(taps, true, true);
                k.setShape(this.out.withFull(true));
                if (!this.out.full()) {
                    k.keepDiagonal();
                }
            }
        };
    }

    /** Finite width: the window average. */
    @Override
    public FiniteFace finite() {
        return FiniteFace.pool(window(), strides(), padding(), normalizeEdges(), false);
    }

    @Override
    public String toString() {
        return "AvgPool(window_shape=" + Arrays.toString(window) + ", strides=" + Arrays.toString(strides) + ", padding="
                + padding + (normalizeEdges ? ", normalize_edges=True" : "") + ")";
    }
}

package org.ntk4j.layers;

import java.util.Arrays;
import java.util.List;
import org.ntk4j.core.AxisTaps;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.Padding;

/** Helpers shared by the layer classes: error-message paths, parameter checks, window taps. */
final class LayerSupport {
    private LayerSupport() {
    }

    /** "Conv(...) at layer 3" for error messages. */
    static String where(Layer layer, String path) {
        String name = layer.toString();
        int nl = name.indexOf('\n');
        if (nl >= 0) {
            name = name.substring(0, nl) + "...)";
        }
        return path.isEmpty() ? name : name + " at layer " + path;
    }

    /** Path of child {@code i} under {@code path}. */
    static String child(String path, int i) {
        return path.isEmpty() ? Integer.toString(i) : path + "." + i;
    }

    static void checkStd(String layer, String key, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException(layer + ": " + key + " must be a finite non-negative number, got " + v);
        }
    }

    /** The taps of a window over every spatial axis of {@code in}, with the shape errors of Conv and AvgPool. */
    static AxisTaps[] taps(String where, KernelShape in, int[] window, int[] strides, Padding padding,
            boolean normalizeEdges, String windowKey) {
        if (in.rank() != window.length) {
            throw new IllegalArgumentException(where + ": " + windowKey + " " + Arrays.toString(window) + " needs inputs with "
                    + window.length + " spatial dim(s), but the input has shape " + in.activationShape()
                    + (in.rank() == 0 ? " (no spatial dims: " + ("the input".equals(in.source()) ? "vector inputs"
                            : "none left after " + in.source()) + ")" : ""));
        }
        AxisTaps[] taps = new AxisTaps[window.length];
        for (int i = 0; i < window.length; i++) {
            if (padding == Padding.VALID && window[i] > in.dim(i)) {
                throw new IllegalArgumentException(where + ": " + windowKey + " " + Arrays.toString(window)
                        + " is larger than the input's spatial dims " + Arrays.toString(in.spatial())
                        + " with VALID padding (input shape " + in.activationShape() + ")");
            }
            taps[i] = AxisTaps.of(in.dim(i), window[i], strides[i], padding, normalizeEdges);
        }
        return taps;
    }

    static int[] outDims(AxisTaps[] taps) {
        int[] d = new int[taps.length];
        for (int i = 0; i < taps.length; i++) {
            d[i] = taps[i].out;
        }
        return d;
    }

    static String listString(String name, List<Layer> layers) {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < layers.size(); i++) {
            sb.append(i == 0 ? "\n  " : ",\n  ").append(layers.get(i).toString().replace("\n", "\n  "));
        }
        return sb.append(")").toString();
    }
}

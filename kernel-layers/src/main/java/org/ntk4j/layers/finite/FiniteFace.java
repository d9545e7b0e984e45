package org.ntk4j.layers.finite;

import java.util.function.DoubleUnaryOperator;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.Padding;
import org.ntk4j.layers.Conv;
import org.ntk4j.layers.Dense;
import org.ntk4j.layers.LayerNorm;

/**
 * The finite-width face of a single-input layer (its initialisation, apply function and
 * backpropagation), named by the layer itself in its own file ({@link org.ntk4j.layers.Layer#finite()})
 * from the shared modules of this package, as its kernel face is written with the shared
 * {@code KernelState} operations. {@link FiniteNetwork} builds a network's modules from these
 * faces; the combinators (serial, parallel, fan-out and fan-ins) are built by the network itself.
 */
public final class FiniteFace {
    /** Builds the module of a face for one input shape. */
    @FunctionalInterface
    interface Builder {
        Module build(InputShape in, Modules modules, boolean inputCotangent);
    }

    private final Builder builder;
    private final boolean parameters;

    private FiniteFace(Builder builder, boolean parameters) {
        this.builder = builder;
        this.parameters = parameters;
    }

    Module build(InputShape in, Modules modules, boolean inputCotangent) {
        return builder.build(in, modules, inputCotangent);
    }

    /** Whether the face has trainable parameters (a Dense or Conv layer). */
    boolean hasParameters() {
        return parameters;
    }

    /**
     * A Dense layer: {@code y = (W_std/√n_in)·W·x + b_std·b} in the ntk parameterisation (standard:
     * {@code W ~ N(0, W_std²/n_in)}, {@code b ~ N(0, b_std²)}), parameters drawn N(0, 1).
     */
    public static FiniteFace dense(Dense d) {
        return new FiniteFace((in, m, ic) -> m.register(AffineModule.dense(d, in, m.nextSlot(), ic)), true);
    }

    /** A Conv or ConvLocal layer: the same with weights {@code W_std/sqrt(C_in·|F|)} per filter tap. */
    public static FiniteFace conv(Conv c) {
        return new FiniteFace((in, m, ic) -> m.register(AffineModule.conv(c, in, m.nextSlot(), ic)), true);
    }

    /**
     * Window pooling: {@code y[o] = ω·Σ_t x[index(o, t)]} with {@code ω = 1/|window|} (or
     * {@code 1/non-padded taps} with normalizeEdges) for averages, {@code ω = 1} for sums.
     */
    public static FiniteFace pool(int[] window, int[] strides, Padding padding, boolean normalizeEdges, boolean sum) {
        int size = 1;
        for (int w : window) {
            size *= w;
        }
        double scale = sum ? size : 1.0;
        return new FiniteFace((in, m, ic) -> new PoolModule(in, Taps.of(in.spatial(), window, strides, padding,
                normalizeEdges), scale), false);
    }

    /** Pooling over all positions: the mean ({@code ω = 1/P}) or, with {@code sum}, the sum. */
    public static FiniteFace globalPool(boolean sum) {
        return new FiniteFace((in, m, ic) -> new PoolModule(in, Taps.global(in.spatial()), sum ? in.positions() : 1.0),
                false);
    }

    /** Flatten: {@code (P, C) → P·C} features in channels-last order; no parameters. */
    public static FiniteFace flatten() {
        return new FiniteFace((in, m, ic) -> new ReshapeModule(in, new InputShape(new int[0], in.size())), false);
    }

    /** The identity. */
    public static FiniteFace identity() {
        return new FiniteFace((in, m, ic) -> new ReshapeModule(in, in), false);
    }

    /** A pointwise nonlinearity {@code y = φ(x)}, backpropagated by {@code δ_in = δ_out·φ'(x)}. */
    public static FiniteFace pointwise(DoubleUnaryOperator phi, DoubleUnaryOperator derivative) {
        return new FiniteFace((in, m, ic) -> new ActivationModule(in, phi, derivative), false);
    }

    /**
     * Layer normalisation {@code y = (x − mean x)/sqrt(eps + var x)} over the channels and the layer's
     * normalised spatial axes, at every example and every coordinate of the other spatial axes.
     */
    public static FiniteFace layerNorm(LayerNorm l) {
        return new FiniteFace((in, m, ic) -> new LayerNormModule(in, l.spatialAxes(in.spatial().length, l.toString(),
                KernelShape.input(in).activationShape()), l.eps()), false);
    }

    /** No finite-width form: building a finite network with the layer throws {@code reason}. */
    public static FiniteFace none(String reason) {
        return new FiniteFace((in, m, ic) -> {
            throw new IllegalArgumentException(reason);
        }, false);
    }
}

package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.core.CompiledKernel;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.Precision;

/**
 * A layer of an infinitely wide network, as a neural-tangents {@code stax} layer: an immutable
 * description with a kernel face (how it transforms the NNGP and NTK) and a shape rule. Build
 * networks with the static factories of {@link Layers}, e.g.
 * {@code serial(conv(1, 3, 3).padding(SAME), relu(), globalAvgPool(), dense(1))}; any layer is a
 * {@link KernelFunction}, so {@code net.kernel(x1, x2)} computes its kernels.
 */
public interface Layer extends KernelFunction {
    /**
     * Binds this layer to its input branches, checking its shape rule.
     *
     * @param in   the kernel shapes of the input branches
     * @param path where the layer sits in the network, for error messages (e.g. {@code layers[3]})
     * @throws IllegalArgumentException naming the layer and the expected and actual shapes
     */
    Node bind(List<KernelShape> in, String path);

    /**
     * Whether this layer maps a pair whose kernel is a scalar (no spatial dims) to a scalar, entry
     * by entry and using only the pair's own variances: then FCN Gram builds evaluate it over
     * blocks of many pairs at once (see {@code ScalarTiles}). False by default; Dense, pointwise
     * nonlinearities, Identity and the combinators of such layers say true.
     */
    default boolean scalarPairs() {
        return false;
    }

    /**
     * Whether this layer's kernel map treats x and x' alike, so that {@code K(x, x') = K(x', x)ᵀ}
     * holds exactly (see {@link org.ntk4j.core.CompiledKernel#exchangeSymmetric}). True by default;
     * false for Gauss–Hermite quadrature, whose rule is not symmetric in the two variances.
     */
    default boolean exchangeSymmetric() {
        return true;
    }

    /**
     * The layer's finite-width face: which finite-width computation it is (init, apply, backprop),
     * for {@link org.ntk4j.layers.finite.FiniteNetwork} and Monte Carlo. By default none (building a
     * finite network with the layer is an error naming it); combinators are built by the network.
     */
    default org.ntk4j.layers.finite.FiniteFace finite() {
        return org.ntk4j.layers.finite.FiniteFace.none("no finite-width form for layer " + this);
    }

    /** Compiles this layer as a whole network for inputs of {@code shape}, with a diagonal spatial output. */
    @Override
    default CompiledKernel compile(InputShape shape) {
        return Network.compile(this, shape, false);
    }

    /**
     * This network evaluated in {@code precision}: itself for {@link Precision#FLOAT64} (the
     * default), else a {@link PrecisionNetwork}, e.g. {@code net.withPrecision(FLOAT32).kernel(x1, x2)}.
     */
    default KernelFunction withPrecision(Precision precision) {
        return precision == Precision.FLOAT64 ? this : new PrecisionNetwork(this, precision);
    }
}

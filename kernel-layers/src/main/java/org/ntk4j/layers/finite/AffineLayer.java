package org.ntk4j.layers.finite;

import org.ntk4j.core.InputShape;

/**
 * How one affine layer of a {@link FiniteNetwork} applies its stored parameters:
 * {@code z = scaleW·h·W + scaleB·b}. Stored and effective units differ by these factors
 * ({@code ntk}: {@code scaleW = W_std/√fan_in}, {@code scaleB = b_std}; {@code standard}: both 1).
 *
 * @param index   the layer's index among the affine layers (its slot in {@link Params})
 * @param kind    {@code Dense} (an affine layer on flat inputs), {@code Conv} or {@code ConvLocal}
 * @param in      per-example input shape
 * @param out     per-example output shape
 * @param fanIn   C_in times the filter size
 * @param scaleW  the weights' factor s_W
 * @param scaleB  the bias's factor s_b, NaN without bias
 */
public record AffineLayer(int index, String kind, InputShape in, InputShape out, int fanIn, double scaleW,
        double scaleB) {
    /** Whether the layer has a bias. */
    public boolean hasBias() {
        return !Double.isNaN(scaleB);
    }

    /** Input channels C_in (rows of a Dense weight matrix). */
    public int inChannels() {
        return in.channels();
    }

    /** Output channels C_out (columns of a Dense weight matrix, the layer's neurons). */
    public int outChannels() {
        return out.channels();
    }
}

package org.ntk4j.layers.finite;

/**
 * What a backward pass hands to every affine layer's parameters: the layer's input patches and
 * the cotangents of its output. {@link GradientGram} turns them into the empirical NTK (one
 * cotangent per output unit), {@link ParameterGradient} into the gradient of a loss (one cotangent,
 * the loss's derivative with respect to the outputs).
 */
interface ParameterCotangents {
    /**
     * One affine layer {@code z[n, o, c] = s_W·Σ_i h[n, o, i]·W[i, c] + s_b·b[c]} (per-position W and b
     * when {@code local}).
     *
     * @param slot      the layer's parameter slot in {@link Params}
     * @param h         its input patches, an (n·P × hCols) matrix
     * @param delta     cotangents of its output: (cotangent examples)·P rows × {@code channels}
     * @param scaleW    s_W
     * @param scaleB    s_b, or NaN when the layer has no bias
     */
    void affine(int slot, double[] h, int hCols, double[] delta, int channels, int positions, boolean local,
            double scaleW, double scaleB);
}

package org.ntk4j.layers;

import org.ntk4j.core.ElementwiseKernel;
import org.ntk4j.core.ElementwiseRows;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.layers.finite.FiniteFace;

/**
 * A pointwise nonlinearity φ, with all its faces in one place:
 * <ul>
 *   <li>the kernel, entry by entry ({@link ElementwiseKernel#entry}): {@code nngp' = F(q12, q11, q22)
 *       = E[φ(u)φ(v)]} and {@code K̇ = E[φ'(u)φ'(v)] = ∂F/∂q12}, {@code ntk' = ntk ⊙ K̇}, where q12
 *       is the entry and q11, q22 the variances of the two inputs at the same positions. The core's
 *       {@link ElementwiseRows} runs it over a pair's kernel in float64 and float32; a subclass may
 *       override {@link #transformRows} with a faster (e.g. SIMD) row kernel that gives the same
 *       numbers;</li>
 *   <li>the finite-width network: {@link #phi} and {@link #derivative} (init has no parameters;
 *       backprop multiplies the cotangent by φ'(x));</li>
 *   <li>its name in neural-tangents and in JSON specs ({@link #name}), and {@code toString()} with
 *       every parameter (it is the layer's checkpoint fingerprint).</li>
 * </ul>
 * The input must be Gaussian (the output of a Dense or Conv layer, possibly pooled); each
 * nonlinearity reserves a slot of the inputs' variance chains for its q11, q22.
 *
 * <p>See {@code docs/ADDING_A_LAYER.md} for the recipe; {@link Layers#elementwise} and
 * {@link Layers#elementwiseNumerical} make one from lambdas without a new class.
 */
public abstract class Elementwise extends SingleLayer implements ElementwiseKernel {
    /** Layer name as in neural-tangents and in JSON specs, e.g. {@code Gelu}. */
    public abstract String name();

    /** φ(u), for finite-width networks. */
    public abstract double phi(double u);

    /** φ'(u), for finite-width backpropagation (any value at a kink, as JAX's grad). */
    public abstract double derivative(double u);

    /**
     * Transforms rows {@code [from, to)} of the pair's kernel in place (all of a diagonal-storage
     * kernel is row 0), reading the variances at {@code offset} of the chains. The default runs
     * {@link #entry} through {@link ElementwiseRows}; overrides must give the same numbers.
     */
    protected void transformRows(KernelState k, int offset, int from, int to) {
        ElementwiseRows.apply(this, k, offset, from, to);
    }

    /**
     * Whether the layer maps scalar pairs to scalar pairs entry by entry, so that FCN Gram blocks
     * may run it over many pairs at once; true for every pointwise nonlinearity.
     */
    @Override
    public boolean scalarPairs() {
        return true;
    }

    /** Finite width: {@code y = φ(x)}, backpropagated by {@code δ·φ'(x)}. */
    @Override
    public FiniteFace finite() {
        return FiniteFace.pointwise(this::phi, this::derivative);
    }

    @Override
    final Step step(KernelShape in, String where) {
        ChainedRows.requireGaussian(in, where, "a nonlinearity");
        return new ChainedRows(in, in.producedBy(name(), false), this::transformRows);
    }
}

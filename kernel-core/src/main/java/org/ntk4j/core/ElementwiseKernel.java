package org.ntk4j.core;

/**
 * The kernel face of a pointwise nonlinearity φ, entry by entry: for two jointly Gaussian
 * pre-activations u, v with {@code E[u²] = q11}, {@code E[v²] = q22} and {@code E[uv] = q12},
 * <pre>
 *   nngp' = F(q12, q11, q22) = E[φ(u)φ(v)],
 *   K̇    = E[φ'(u)φ'(v)] = ∂F/∂q12   (Price's theorem),
 * </pre>
 * and {@code ntk' = ntk ⊙ K̇}. {@link ElementwiseRows} runs any implementation over a pair's
 * kernel in either {@link Precision} (float32 states evaluate each entry in double from their float
 * inputs and round once), so a new nonlinearity needs only this method.
 */
@FunctionalInterface
public interface ElementwiseKernel {
    /**
     * One entry: sets {@code out.nngp = F(q12, q11, q22)} and {@code out.kdot = ∂F/∂q12}.
     * Called from hot loops with one reused {@link Entry}: implementations must not keep it.
     */
    void entry(double q12, double q11, double q22, Entry out);

    /** The two results of one entry, reused across entries so that the row loops do not allocate. */
    final class Entry {
        /** The new covariance {@code F(q12, q11, q22)}. */
        public double nngp;
        /** {@code K̇ = ∂F/∂q12}, which multiplies the ntk entry. */
        public double kdot;
    }
}

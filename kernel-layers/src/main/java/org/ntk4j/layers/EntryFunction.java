package org.ntk4j.layers;

/**
 * One entry of a nonlinearity's kernel map as a function of the cross covariance and the two
 * variances: {@code F(q12, q11, q22) = E[φ(u)φ(v)]} (or {@code K̇ = E[φ'(u)φ'(v)]}) for (u, v)
 * jointly Gaussian with {@code E[u²] = q11}, {@code E[v²] = q22}, {@code E[uv] = q12}, as
 * neural-tangents' {@code nngp_fn(cov12, var1, var2)}. Used by {@link Layers#elementwise}:
 *
 * <pre>{@code
 * elementwise("cos", Math::cos, u -> -Math.sin(u),
 *         (q12, q11, q22) -> Math.exp(-(q11 + q22) / 2) * Math.cosh(q12))
 * }</pre>
 *
 * It is called with {@code |q12| ≤ sqrt(q11·q22)} up to rounding, from several threads at once:
 * implementations must be pure functions.
 */
@FunctionalInterface
public interface EntryFunction {
    /** The value at cross covariance {@code q12} and variances {@code q11}, {@code q22}. */
    double apply(double q12, double q11, double q22);
}

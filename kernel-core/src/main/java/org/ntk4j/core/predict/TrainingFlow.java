package org.ntk4j.core.predict;

/**
 * The scalar function of a Gram's eigenvalue λ that gradient flow on the MSE loss applies,
 * with neural-tangents' time scaling. For learning rate η, training time t and
 * {@code n = y_train.size} (training points × outputs; NT averages the loss over all targets)
 * the scaled time is {@code s = η·t/n}, and {@link #fitted} is {@code φ(λ, s) = (1 − e^{−λ⁺·s}) / |λ|}, so that
 * {@code Θ⁻¹(I − e^{−Θ·s}) = V diag(φ(λ_i, s)) Vᵀ}; at s = ∞ it is {@code 1/λ}, at s = 0 it is 0.
 *
 * <p>{@code λ⁺ = max(λ, 0)}: as in NT, eigenvalues that round-off made negative do not train, and
 * their {@code φ} is 0 at finite s (NT's formula gives 0 for λ &lt; 0; for λ = 0 exactly NT gives
 * NaN, here 0). At s = ∞ callers must first check the Gram is invertible.
 *
 * <p>Seed 001 (Gerken &amp; Kessel) writes {@code e^{−ηΘt}} for the summed loss; that is the same
 * curve with {@code t_001 = t/n}.
 */
final class TrainingFlow {
    private TrainingFlow() {
    }

    /** {@code φ(λ_i, s)} for every eigenvalue, s ≥ 0 or +∞. */
    static double[] fitted(double[] lambda, double s) {
        double[] out = new double[lambda.length];
        for (int i = 0; i < lambda.length; i++) {
            double l = lambda[i];
            if (l <= 0) {
                out[i] = 0.0;
            } else if (s == Double.POSITIVE_INFINITY) {
                out[i] = 1.0 / l;
            } else {
                out[i] = -Math.expm1(-l * s) / l;
            }
        }
        return out;
    }

}

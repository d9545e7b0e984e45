package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.layers.spec.LayerType;

/**
 * {@code φ(u) = sign(u)} (neural-tangents' {@code Sign}; sign(0) = 0).
 *
 * <p>Kernel, with {@code θ = atan2(sqrt(max(q11·q22 − q12², 0)), q12)} and θ = π/2 when both
 * arguments are 0 (a zero input, whose φ is 0):
 * <pre>
 *   nngp' = 1 − 2θ/π,
 *   K̇    = 0.
 * </pre>
 * K̇ = E[φ'(u)φ'(v)] with φ' = 0 almost everywhere, as neural-tangents (it is not ∂nngp'/∂q12:
 * the finite network's gradient does not see the jump either).
 */
public final class Sign extends Elementwise {
    /** JSON spec type {@code Sign} (no keys). */
    static final List<LayerType> SPEC = List.of(LayerType.of("Sign", Sign::new));

    private static final double TWO_OVER_PI = 2 / Math.PI;

    Sign() {
    }

    @Override
    public String name() {
        return "Sign";
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        out.nngp = 1 - TWO_OVER_PI * angle(q12, q11, q22);
        out.kdot = 0;
    }

    /**
     * {@code θ = atan2(sqrt(max(q11·q22 − q12², 0)), q12)} in [0, π], π/2 when both arguments are 0
     * (neural-tangents' {@code fill_zero}); shared with {@link RectifiedMonomial}.
     */
    static double angle(double q12, double q11, double q22) {
        double s = Math.sqrt(Math.max(q11 * q22 - q12 * q12, 0.0));
        return s == 0.0 && q12 == 0.0 ? Math.PI / 2 : Math.atan2(s, q12);
    }

    /** {@code sign(u)}, 0 at 0. */
    @Override
    public double phi(double u) {
        return Math.signum(u);
    }

    /** 0 (almost everywhere; JAX's gradient of sign is 0 everywhere). */
    @Override
    public double derivative(double u) {
        return 0;
    }

    @Override
    public String toString() {
        return "Sign()";
    }
}

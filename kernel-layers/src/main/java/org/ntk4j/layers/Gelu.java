package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.layers.spec.LayerType;

/**
 * GELU, {@code φ(u) = u·Φ(u)} with Φ the standard normal CDF (neural-tangents' {@code Gelu}; its
 * {@code approximate} flag only changes the finite-width apply function, and the exact form is used
 * here).
 *
 * <p>Kernel (Tsuchida et al., "Avoiding kernel fixed points", as neural-tangents): with
 * {@code P = q11·q22}, {@code ab = (1+q11)(1+q22)}, {@code δ² = ab − q12²}, {@code α = atan2(q12, δ)},
 * <pre>
 *   nngp' = q12/4 + [(q12² + P·δ²)/(ab·δ) + q12·α] / (2π),
 *   K̇    = 1/4 + α/(2π) + q12/(2π·δ)·(1/δ² + (1 − P)/ab + 1).
 * </pre>
 */
public final class Gelu extends Elementwise {
    /** JSON spec type {@code Gelu} (no keys). */
    static final List<LayerType> SPEC = List.of(LayerType.of("Gelu", Gelu::new));

    private static final double TWO_PI = 2 * Math.PI;
    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    Gelu() {
    }

    @Override
    public String name() {
        return "Gelu";
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        double prod = q11 * q22;
        double prodPlus1 = (1 + q11) * (1 + q22);
        double deltaSquared = Math.max(prodPlus1 - q12 * q12, 0.0);
        double delta = Math.sqrt(deltaSquared);
        double angle = Math.atan2(q12, delta);
        out.nngp = 0.25 * q12 + ((q12 * q12 + prod * deltaSquared) / (prodPlus1 * delta) + q12 * angle) / TWO_PI;
        out.kdot = 0.25 + angle / TWO_PI
                + q12 / delta / TWO_PI * (1 / deltaSquared + (1 - prod) / prodPlus1 + 1);
    }

    /** {@code u·Φ(u) = u/2·(1 + erf(u/√2))}. */
    @Override
    public double phi(double u) {
        return 0.5 * u * (1 + org.ntk4j.layers.finite.FastErf.erf(u * INV_SQRT_2));
    }

    /** {@code Φ(u) + u·φ_N(u)}, φ_N the standard normal density. */
    @Override
    public double derivative(double u) {
        return 0.5 * (1 + org.ntk4j.layers.finite.FastErf.erf(u * INV_SQRT_2))
                + u * INV_SQRT_2PI * Math.exp(-0.5 * u * u);
    }

    @Override
    public String toString() {
        return "Gelu()";
    }
}

package org.ntk4j.layers;

import java.util.List;
import java.util.Set;
import org.ntk4j.layers.spec.LayerType;

/**
 * The dual activation of the normalised RBF kernel (neural-tangents' {@code Rbf}, default
 * gamma = 1): {@code φ(u) = √2·sin(√(2γ)·u + π/4)}, i.e. {@code Sin(a = √2, b = √(2γ), c = π/4)}.
 *
 * <p>Kernel, with {@code S = q11 + q22} (the cos 2c = cos(π/2) term of {@link Sin} is exactly 0 here):
 * <pre>
 *   nngp' = exp(−γ·(S − 2q12)),
 *   K̇    = 2γ·nngp'.
 * </pre>
 * On inputs after a Dense layer without bias this is {@code exp(−γ·‖x − x'‖²/d)}.
 */
public final class Rbf extends Elementwise {
    /** JSON spec type {@code Rbf}: gamma (default 1). */
    static final List<LayerType> SPEC = List.of(new LayerType("Rbf", Set.of("gamma"),
            f -> new Rbf(f.number("gamma", 1.0))));

    private static final double SQRT_2 = Math.sqrt(2);

    private final double gamma;
    private final double frequency;

    Rbf(double gamma) {
        if (!(gamma >= 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("Rbf: gamma must be finite and ≥ 0, got " + gamma);
        }
        this.gamma = gamma;
        this.frequency = Math.sqrt(2 * gamma);
    }

    public double gamma() {
        return gamma;
    }

    @Override
    public String name() {
        return "Rbf";
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        double k = Math.exp(gamma * (2 * q12 - (q11 + q22)));
        out.nngp = k;
        out.kdot = 2 * gamma * k;
    }

    /** {@code √2·sin(√(2γ)·u + π/4)}. */
    @Override
    public double phi(double u) {
        return SQRT_2 * Math.sin(frequency * u + Math.PI / 4);
    }

    /** {@code √2·√(2γ)·cos(√(2γ)·u + π/4)}. */
    @Override
    public double derivative(double u) {
        return SQRT_2 * frequency * Math.cos(frequency * u + Math.PI / 4);
    }

    @Override
    public String toString() {
        return "Rbf(gamma=" + gamma + ")";
    }
}

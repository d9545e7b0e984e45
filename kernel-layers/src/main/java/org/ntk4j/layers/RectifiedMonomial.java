package org.ntk4j.layers;

import java.util.List;
import java.util.Set;
import org.ntk4j.core.Activations;
import org.ntk4j.layers.spec.LayerType;

/**
 * {@code φ(u) = 1[u ≥ 0]·uⁿ} for a degree n in 0..3 (neural-tangents' {@code RectifiedMonomial};
 * NT accepts any n ≥ 0 through automatic differentiation of the arc-cosine recursion, the closed
 * forms here stop at 3). n = 1 is ReLU and gives exactly ReLU's numbers.
 *
 * <p>Kernel (the arc-cosine kernels of Cho &amp; Saul), with {@code P = q11·q22},
 * {@code θ = atan2(sqrt(max(P − q12², 0)), q12)} (π/2 when both are 0, as {@link Sign}) and
 * <pre>
 *   J0 = π − θ,
 *   J1 = sin θ + (π − θ)·cos θ,
 *   J2 = 3·sin θ·cos θ + (π − θ)·(1 + 2cos²θ),
 *   J3 = 4sin³θ + 15·sin θ·cos²θ + 3(π − θ)·cos θ·(3 + 2cos²θ),
 *   nngp' = P^{n/2}·Jn/(2π),   K̇ = n²·P^{(n−1)/2}·J(n−1)/(2π)   (0 for n = 0).
 * </pre>
 * They are evaluated with {@code √P·sin θ = s} and {@code √P·cos θ = q12}, without the square
 * root of P. For n = 0, K̇ = E[φ'φ'] = 0 (φ' = 0 almost everywhere), as neural-tangents.
 */
public final class RectifiedMonomial extends Elementwise {
    /** JSON spec type {@code RectifiedMonomial}: degree (required). */
    static final List<LayerType> SPEC = List.of(new LayerType("RectifiedMonomial", Set.of("degree"),
            f -> new RectifiedMonomial(f.requiredInt("degree"))));

    private static final double INV_TWO_PI = 1 / (2 * Math.PI);

    private final int degree;

    RectifiedMonomial(int degree) {
        if (degree < 0 || degree > 3) {
            throw new IllegalArgumentException("RectifiedMonomial: degree must be 0..3, got " + degree);
        }
        this.degree = degree;
    }

    public int degree() {
        return degree;
    }

    @Override
    public String name() {
        return "RectifiedMonomial";
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        if (degree == 1) {
            // ReLU = ABRelu(0, 1): s/(2π) + (1/2 − θ/(2π))·q12 = √P·J1/(2π), K̇ = J0/(2π); the same arithmetic.
            Activations.abReluEntry(0.0, 1.0, q12, q11, q22, out);
            return;
        }
        double p = q11 * q22;
        double s = Math.sqrt(Math.max(p - q12 * q12, 0.0));
        double rest = Math.PI - Sign.angle(q12, q11, q22);
        switch (degree) {
            case 0 -> {
                out.nngp = rest * INV_TWO_PI;
                out.kdot = 0;
            }
            case 2 -> {
                out.nngp = (3 * s * q12 + rest * (p + 2 * q12 * q12)) * INV_TWO_PI;
                out.kdot = 4 * (s + rest * q12) * INV_TWO_PI;
            }
            default -> {
                double c2 = q12 * q12;
                out.nngp = (s * (4 * s * s + 15 * c2) + 3 * rest * q12 * (3 * p + 2 * c2)) * INV_TWO_PI;
                out.kdot = 9 * (3 * s * q12 + rest * (p + 2 * c2)) * INV_TWO_PI;
            }
        }
    }

    /** {@code uⁿ} for u ≥ 0 (1 at u = 0 when n = 0), else 0. */
    @Override
    public double phi(double u) {
        return u >= 0 ? Monomial.power(u, degree) : 0.0;
    }

    /** {@code n·uⁿ⁻¹} for u ≥ 0, else 0 (0 for n = 0). */
    @Override
    public double derivative(double u) {
        return u >= 0 && degree > 0 ? degree * Monomial.power(u, degree - 1) : 0.0;
    }

    @Override
    public String toString() {
        return "RectifiedMonomial(degree=" + degree + ")";
    }
}

package org.ntk4j.layers;

import java.util.List;
import java.util.Set;
import org.ntk4j.layers.spec.LayerType;

/**
 * {@code φ(u) = uⁿ} for a degree n in 0..5 (neural-tangents' {@code Monomial}, which has the same
 * range).
 *
 * <p>Kernel (Isserlis), with {@code q = q12}, {@code P = q11·q22}:
 * <pre>
 *   M0 = 1, M1 = q, M2 = 2q² + P, M3 = 6q³ + 9q·P,
 *   M4 = 24q⁴ + 72q²·P + 9P², M5 = 120q⁵ + 600q³·P + 225q·P²,
 *   nngp' = Mn,   K̇ = n²·M(n−1)   (0 for n = 0).
 * </pre>
 */
public final class Monomial extends Elementwise {
    /** JSON spec type {@code Monomial}: degree (required). */
    static final List<LayerType> SPEC = List.of(new LayerType("Monomial", Set.of("degree"),
            f -> new Monomial(f.requiredInt("degree"))));

    private final int degree;

    Monomial(int degree) {
        if (degree < 0 || degree > 5) {
            throw new IllegalArgumentException("Monomial: degree must be 0..5, got " + degree);
        }
        this.degree = degree;
    }

    public int degree() {
        return degree;
    }

    @Override
    public String name() {
        return "Monomial";
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        double p = q11 * q22;
        out.nngp = moment(degree, q12, p);
        out.kdot = degree == 0 ? 0.0 : degree * degree * moment(degree - 1, q12, p);
    }

    /** {@code E[uⁿvⁿ]} for (u, v) Gaussian with covariance q, variance product p. */
    private static double moment(int n, double q, double p) {
        double q2 = q * q;
        return switch (n) {
            case 0 -> 1.0;
            case 1 -> q;
            case 2 -> 2 * q2 + p;
            case 3 -> q * (6 * q2 + 9 * p);
            case 4 -> 3 * (8 * q2 * q2 + 3 * p * (8 * q2 + p));
            case 5 -> 15 * q * (8 * q2 * q2 + 5 * p * (8 * q2 + 3 * p));
            default -> throw new IllegalStateException("Monomial: degree " + n);
        };
    }

    /** {@code uⁿ} (1 for n = 0, also at u = 0). */
    @Override
    public double phi(double u) {
        return power(u, degree);
    }

    /** {@code n·uⁿ⁻¹} (0 for n = 0). */
    @Override
    public double derivative(double u) {
        return degree == 0 ? 0.0 : degree * power(u, degree - 1);
    }

    static double power(double u, int n) {
        double r = 1;
        for (int i = 0; i < n; i++) {
            r *= u;
        }
        return r;
    }

    @Override
    public String toString() {
        return "Monomial(degree=" + degree + ")";
    }
}

package org.ntk4j.layers;

import java.util.List;
import java.util.Set;
import org.ntk4j.layers.spec.LayerType;

/**
 * neural-tangents' {@code Hermite(degree)}: the normalized probabilists' Hermite polynomial
 * {@code φ(u) = He_n(u)/sqrt(n!)} ({@code E[φ(z)²] = 1} for z standard normal).
 *
 * <p>Kernel (neural-tangents): {@code nngp' = q12ⁿ}, {@code K̇ = n·q12ⁿ⁻¹} (0 for n = 0). By
 * Mehler's formula this is {@code E[φ(u)φ(v)]} when the inputs have unit variance,
 * {@code q11 = q22 = 1} (then q12 = ρ), which neural-tangents assumes (it warns that the inputs must
 * have unit norm across channels) and does not check; for other variances it is neural-tangents'
 * number, not the expectation (a Dense layer's output has unit variance only for suitable inputs
 * and W_std).
 */
public final class Hermite extends Elementwise {
    /** JSON spec type {@code Hermite}: degree (required, 0..170). */
    static final List<LayerType> SPEC = List.of(new LayerType("Hermite", Set.of("degree"),
            f -> new Hermite(f.requiredInt("degree"))));

    /** The largest degree whose normalization sqrt(n!) is a finite double. */
    static final int MAX_DEGREE = 170;

    private final int degree;
    private final double norm;

    Hermite(int degree) {
        if (degree < 0 || degree > MAX_DEGREE) {
            throw new IllegalArgumentException("Hermite: degree must be 0.." + MAX_DEGREE + " (sqrt(n!) overflows beyond, "
                    + "as in neural-tangents), got " + degree);
        }
        this.degree = degree;
        double factorial = 1;
        for (int k = 2; k <= degree; k++) {
            factorial *= k;
        }
        this.norm = Math.sqrt(factorial);
    }

    public int degree() {
        return degree;
    }

    @Override
    public String name() {
        return "Hermite";
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        out.nngp = power(q12, degree);
        out.kdot = degree == 0 ? 0.0 : degree * power(q12, degree - 1);
    }

    private static double power(double x, int n) {
        double r = 1;
        for (int k = 0; k < n; k++) {
            r *= x;
        }
        return r;
    }

    /** {@code He_n(u)} by the recurrence {@code He_{k+1} = u·He_k − k·He_{k−1}}. */
    static double he(int n, double u) {
        if (n == 0) {
            return 1;
        }
        double prev = 1, cur = u;
        for (int k = 1; k < n; k++) {
            double next = u * cur - k * prev;
            prev = cur;
            cur = next;
        }
        return cur;
    }

    /** {@code He_n(u)/sqrt(n!)}. */
    @Override
    public double phi(double u) {
        return he(degree, u) / norm;
    }

    /** {@code n·He_{n−1}(u)/sqrt(n!)}. */
    @Override
    public double derivative(double u) {
        return degree == 0 ? 0.0 : degree * he(degree - 1, u) / norm;
    }

    @Override
    public String toString() {
        return "Hermite(degree=" + degree + ")";
    }
}

package org.ntk4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.ntk4j.layers.spec.LayerType;

/**
 * neural-tangents' {@code Polynomial(coef)}: {@code φ(u) = coef[0] + coef[1]·u + … + coef[n]·uⁿ}.
 *
 * <p>Kernel (neural-tangents, from the Hermite expansion of φ): with
 * {@code r_l(q) = Σ_i coef[2i+l]·(2i+l)! / (2^i·i!·sqrt(l!))·q^{(2i+l)/2}} and
 * {@code ρ = q12/sqrt(q11·q22)},
 * <pre>
 *   nngp' = Σ_l r_l(q11)·r_l(q22)·ρ^l,   K̇ = Σ_{l≥1} l·r_l(q11)·r_l(q22)·ρ^{l−1} / sqrt(q11·q22).
 * </pre>
 * Here it is evaluated in the equal form without square roots or division:
 * {@code r_l(q) = q^{l/2}·s_l(q)} with the polynomial {@code s_l(q) = Σ_i coef[2i+l]·(2i+l)! /
 * (2^i·i!·sqrt(l!))·q^i}, so {@code nngp' = Σ_l s_l(q11)·s_l(q22)·q12^l} and
 * {@code K̇ = Σ_{l≥1} l·s_l(q11)·s_l(q22)·q12^{l−1}}, also at a zero variance (where neural-tangents
 * divides 0 by 0).
 */
public final class Polynomial extends Elementwise {
    /** JSON spec type {@code Polynomial}: coef (required, a non-empty array). */
    static final List<LayerType> SPEC = List.of(new LayerType("Polynomial", Set.of("coef"),
            f -> new Polynomial(f.requiredNumbers("coef"))));

    /** The most coefficients: (2i+l)! must be a finite double. */
    static final int MAX_COEFFICIENTS = 171;

    private final double[] coef;
    /** {@code s[l][i]}: coefficient of q^i in s_l. */
    private final double[][] s;

    Polynomial(double[] coef) {
        if (coef == null || coef.length == 0 || coef.length > MAX_COEFFICIENTS) {
            throw new IllegalArgumentException("Polynomial: coef must have 1.." + MAX_COEFFICIENTS + " coefficients, got "
                    + (coef == null ? "null" : coef.length));
        }
        for (double c : coef) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("Polynomial: coefficients must be finite, got " + Arrays.toString(coef));
            }
        }
        this.coef = coef.clone();
        int n = coef.length;
        double[] factorial = new double[n];
        factorial[0] = 1;
        for (int k = 1; k < n; k++) {
            factorial[k] = factorial[k - 1] * k;
        }
        this.s = new double[n][];
        for (int l = 0; l < n; l++) {
            s[l] = new double[(n - 1 - l) / 2 + 1];
            for (int i = 0; i < s[l].length; i++) {
                int k = 2 * i + l;
                s[l][i] = coef[k] * factorial[k] / (Math.scalb(factorial[i], i) * Math.sqrt(factorial[l]));
                if (!Double.isFinite(s[l][i])) {
                    throw new IllegalArgumentException("Polynomial: the kernel coefficient of degree " + k
                            + " overflows, got coef " + Arrays.toString(coef));
                }
            }
        }
    }

    /** A copy of the coefficients, constant term first. */
    public double[] coef() {
        return coef.clone();
    }

    @Override
    public String name() {
        return "Polynomial";
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        double nngp = 0, kdot = 0, power = 1;
        for (int l = 0; l < s.length; l++) {
            double term = horner(s[l], q11) * horner(s[l], q22);
            if (l > 0) {
                kdot += l * term * power;
                power *= q12;
            }
            nngp += term * power;
        }
        out.nngp = nngp;
        out.kdot = kdot;
    }

    private static double horner(double[] c, double x) {
        double r = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            r = r * x + c[i];
        }
        return r;
    }

    @Override
    public double phi(double u) {
        return horner(coef, u);
    }

    @Override
    public double derivative(double u) {
        double r = 0;
        for (int k = coef.length - 1; k >= 1; k--) {
            r = r * u + k * coef[k];
        }
        return r;
    }

    @Override
    public String toString() {
        return "Polynomial(coef=" + Arrays.toString(coef) + ")";
    }
}

package org.ntk4j.layers;

import java.util.List;
import java.util.Set;
import org.ntk4j.layers.spec.LayerType;

/**
 * {@code φ(u) = a·exp(b·u)} (neural-tangents' {@code Exp}; defaults a = 1, b = 1).
 *
 * <p>Kernel (log-normal moments), with {@code S = q11 + q22}:
 * <pre>
 *   nngp' = a²·exp(b²·(S/2 + q12)),
 *   K̇    = b²·nngp'.
 * </pre>
 */
public final class Exp extends Elementwise {
    /** JSON spec type {@code Exp}: a, b (defaults 1, 1). */
    static final List<LayerType> SPEC = List.of(new LayerType("Exp", Set.of("a", "b"),
            f -> new Exp(f.number("a", 1.0), f.number("b", 1.0))));

    private final double a;
    private final double b;
    private final double aSquared;
    private final double bSquared;

    Exp(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("Exp: a, b must be finite, got a=" + a + ", b=" + b);
        }
        this.a = a;
        this.b = b;
        this.aSquared = a * a;
        this.bSquared = b * b;
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    @Override
    public String name() {
        return "Exp";
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        double e = Math.exp(bSquared * (0.5 * (q11 + q22) + q12));
        out.nngp = aSquared * e;
        out.kdot = bSquared * aSquared * e;
    }

    /** {@code a·exp(b·u)}. */
    @Override
    public double phi(double u) {
        return a * Math.exp(b * u);
    }

    /** {@code a·b·exp(b·u)}. */
    @Override
    public double derivative(double u) {
        return a * b * Math.exp(b * u);
    }

    @Override
    public String toString() {
        return "Exp(a=" + a + ", b=" + b + ")";
    }
}

package org.ntk4j.layers;

import java.util.List;
import java.util.Set;
import org.ntk4j.layers.spec.LayerType;

/**
 * {@code φ(u) = a·cos(b·u + c)} (neural-tangents' {@code Cos}, which is {@code Sin(a, b, c + π/2)};
 * defaults a = 1, b = 1, c = 0).
 *
 * <p>Kernel: that of {@link Sin} with the phase {@code c + π/2} (computed the same way, so the
 * same numbers as neural-tangents), i.e. with {@code S = q11 + q22},
 * <pre>
 *   nngp' = a²/2·(e^{b²(−S/2 + q12)} + e^{b²(−S/2 − q12)}·cos 2c),
 *   K̇    = a²b²/2·(e^{b²(−S/2 + q12)} − e^{b²(−S/2 − q12)}·cos 2c).
 * </pre>
 */
public final class Cos extends Elementwise {
    /** JSON spec type {@code Cos}: a, b, c (defaults 1, 1, 0). */
    static final List<LayerType> SPEC = List.of(new LayerType("Cos", Set.of("a", "b", "c"),
            f -> new Cos(f.number("a", 1.0), f.number("b", 1.0), f.number("c", 0.0))));

    private final double a;
    private final double b;
    private final double c;
    private final Sin shifted;

    Cos(double a, double b, double c) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("Cos: a, b, c must be finite, got a=" + a + ", b=" + b + ", c=" + c);
        }
        this.a = a;
        this.b = b;
        this.c = c;
        this.shifted = new Sin(a, b, c + Math.PI / 2, "Cos");
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    public double c() {
        return c;
    }

    @Override
    public String name() {
        return "Cos";
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        shifted.entry(q12, q11, q22, out);
    }

    /** {@code a·cos(b·u + c)}. */
    @Override
    public double phi(double u) {
        return a * Math.cos(b * u + c);
    }

    /** {@code −a·b·sin(b·u + c)}. */
    @Override
    public double derivative(double u) {
        return -a * b * Math.sin(b * u + c);
    }

    @Override
    public String toString() {
        return "Cos(a=" + a + ", b=" + b + ", c=" + c + ")";
    }
}

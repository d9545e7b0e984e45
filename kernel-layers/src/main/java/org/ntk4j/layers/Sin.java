package org.ntk4j.layers;

import java.util.List;
import java.util.Set;
import org.ntk4j.layers.spec.LayerType;

/**
 * {@code φ(u) = a·sin(b·u + c)} (neural-tangents' {@code Sin}; defaults a = 1, b = 1, c = 0).
 *
 * <p>Kernel: with {@code S = q11 + q22}, {@code s1 = exp(b²(−S/2 + q12))} and
 * {@code s2 = exp(b²(−S/2 − q12))·cos 2c},
 * <pre>
 *   nngp' = a²/2·(s1 − s2),
 *   K̇    = a²b²/2·(s1 + s2).
 * </pre>
 * (From {@code sin x sin y = [cos(x − y) − cos(x + y)]/2} and {@code E[cos(t·w + d)] = e^{−t²Var w/2} cos d}.)
 */
public final class Sin extends Elementwise {
    /** JSON spec type {@code Sin}: a, b, c (defaults 1, 1, 0). */
    static final List<LayerType> SPEC = List.of(new LayerType("Sin", Set.of("a", "b", "c"),
            f -> new Sin(f.number("a", 1.0), f.number("b", 1.0), f.number("c", 0.0))));

    private final double a;
    private final double b;
    private final double c;
    private final double halfASquared;
    private final double bSquared;
    private final double cos2c;

    Sin(double a, double b, double c) {
        this(a, b, c, "Sin");
    }

    /** For {@link Cos}, which is this kernel with the phase shifted by π/2. */
    Sin(double a, double b, double c, String layer) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalArgumentException(layer + ": a, b, c must be finite, got a=" + a + ", b=" + b + ", c=" + c);
        }
        this.a = a;
        this.b = b;
        this.c = c;
        this.halfASquared = a * a / 2;
        this.bSquared = b * b;
        this.cos2c = Math.cos(2 * c);
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
        return "Sin";
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        double halfSum = 0.5 * (q11 + q22);
        double s1 = Math.exp(bSquared * (q12 - halfSum));
        double s2 = Math.exp(bSquared * (-halfSum - q12)) * cos2c;
        out.nngp = halfASquared * (s1 - s2);
        out.kdot = halfASquared * bSquared * (s1 + s2);
    }

    /** {@code a·sin(b·u + c)}. */
    @Override
    public double phi(double u) {
        return a * Math.sin(b * u + c);
    }

    /** {@code a·b·cos(b·u + c)}. */
    @Override
    public double derivative(double u) {
        return a * b * Math.cos(b * u + c);
    }

    @Override
    public String toString() {
        return "Sin(a=" + a + ", b=" + b + ", c=" + c + ")";
    }
}

package org.ntk4j.layers;

import java.util.List;
import java.util.Set;
import org.ntk4j.core.ErfKernel;
import org.ntk4j.layers.spec.LayerType;

/**
 * {@code φ(u) = a·erf(b·u) + c}.
 *
 * <p>Kernel (arc-sine): with every q scaled by b², {@code nngp' = a²·(2/π)·asin(2q12 /
 * sqrt((1+2q11)(1+2q22))) + c²}, {@code K̇ = a²b²·(4/π) / sqrt((1+2q11)(1+2q22) − 4q12²)}.
 */
public final class Erf extends Elementwise {
    /** JSON spec type {@code Erf}: a, b, c (defaults 1, 1, 0). */
    static final List<LayerType> SPEC = List.of(new LayerType("Erf", Set.of("a", "b", "c"),
            f -> new Erf(f.number("a", 1.0), f.number("b", 1.0), f.number("c", 0.0))));

    private final double a;
    private final double b;
    private final double c;
    private final ErfKernel kernel;

    Erf(double a, double b, double c) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("Erf: a, b, c must be finite, got " + a + ", " + b + ", " + c);
        }
        this.a = a;
        this.b = b;
        this.c = c;
        this.kernel = new ErfKernel(a, b, c);
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
        return "Erf";
    }

    /** {@code a·erf(b·u) + c} (erf by {@link org.ntk4j.layers.finite.FastErf}, within 2e-15 of Commons Math). */
    @Override
    public double phi(double u) {
        return a * org.ntk4j.layers.finite.FastErf.erf(b * u) + c;
    }

    /** {@code a·b·2/√π·exp(−b²u²)}. */
    @Override
    public double derivative(double u) {
        return a * b * 2.0 / Math.sqrt(Math.PI) * Math.exp(-b * b * u * u);
    }

    /** The arc-sine kernel (see {@link ErfKernel}), run by the generic row loop in both precisions. */
    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        kernel.entry(q12, q11, q22, out);
    }

    @Override
    public String toString() {
        return "Erf(a=" + a + ", b=" + b + ", c=" + c + ")";
    }
}

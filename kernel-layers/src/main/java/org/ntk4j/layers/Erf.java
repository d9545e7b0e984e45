package org.ntk4j.layers;

import org.ntk4j.core.Activations;
import org.ntk4j.core.KernelState;

/**
 * {@code φ(u) = a·erf(b·u) + c}.
 *
 * <p>Kernel (arc-sine): with every q scaled by b², {@code nngp' = a²·(2/π)·asin(2q12 /
 * sqrt((1+2q11)(1+2q22))) + c²}, {@code K̇ = a²b²·(4/π) / sqrt((1+2q11)(1+2q22) − 4q12²)}.
 */
public final class Erf extends Nonlinearity {
    private final double a;
    private final double b;
    private final double c;

    Erf(double a, double b, double c) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("Erf: a, b, c must be finite, got " + a + ", " + b + ", " + c);
        }
        this.a = a;
        this.b = b;
        this.c = c;
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
    String name() {
        return "Erf";
    }

    @Override
    void transformRows(KernelState k, int offset, int from, int to) {
        Activations.erfRows(a, b, c, k, k.cov1(), offset, k.cov2(), offset, from, to);
    }

    @Override
    public String toString() {
        return "Erf(a=" + a + ", b=" + b + ", c=" + c + ")";
    }
}

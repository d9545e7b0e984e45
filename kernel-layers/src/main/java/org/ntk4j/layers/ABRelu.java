package org.ntk4j.layers;

import org.ntk4j.core.Activations;
import org.ntk4j.core.KernelState;

/**
 * {@code φ(u) = a·min(u, 0) + b·max(u, 0)}: ReLU = ABRelu(0, 1), LeakyReLU(α) = ABRelu(α, 1),
 * Abs = ABRelu(−1, 1).
 *
 * <p>Kernel (arc-cosine): {@code s = sqrt(max(q11·q22 − q12², 0))}, {@code θ = atan2(s, q12)},
 * {@code nngp' = (a−b)²/(2π)·s + [(a²+b²)/2 − (a−b)²·θ/(2π)]·q12},
 * {@code K̇ = (a²+b²)/2 − (a−b)²·θ/(2π)}.
 */
public final class ABRelu extends Nonlinearity {
    private final double a;
    private final double b;
    private final String name;

    ABRelu(double a, double b, String name) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException(name + ": slopes must be finite, got a=" + a + ", b=" + b);
        }
        this.a = a;
        this.b = b;
        this.name = name;
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    @Override
    String name() {
        return name;
    }

    @Override
    void transformRows(KernelState k, int offset, int from, int to) {
        Activations.abReluRows(a, b, k, k.cov1(), offset, k.cov2(), offset, from, to);
    }

    @Override
    public String toString() {
        return switch (name) {
            case "Relu", "Abs" -> name + "()";
            case "LeakyRelu" -> "LeakyRelu(alpha=" + a + ")";
            default -> "ABRelu(a=" + a + ", b=" + b + ")";
        };
    }
}

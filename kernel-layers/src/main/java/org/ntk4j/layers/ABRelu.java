package org.ntk4j.layers;

import java.util.List;
import java.util.Set;
import org.ntk4j.core.Activations;
import org.ntk4j.core.KernelState;
import org.ntk4j.layers.spec.LayerType;

/**
 * {@code φ(u) = a·min(u, 0) + b·max(u, 0)}: ReLU = ABRelu(0, 1), LeakyReLU(α) = ABRelu(α, 1),
 * Abs = ABRelu(−1, 1).
 *
 * <p>Kernel (arc-cosine): {@code s = sqrt(max(q11·q22 − q12², 0))}, {@code θ = atan2(s, q12)},
 * {@code nngp' = (a−b)²/(2π)·s + [(a²+b²)/2 − (a−b)²·θ/(2π)]·q12},
 * {@code K̇ = (a²+b²)/2 − (a−b)²·θ/(2π)}.
 */
public final class ABRelu extends Elementwise {
    /** JSON spec types {@code Relu}, {@code ABRelu} (a, b), {@code LeakyRelu} (alpha), {@code Abs}. */
    static final List<LayerType> SPEC = List.of(
            LayerType.of("Relu", Layers::relu),
            new LayerType("ABRelu", Set.of("a", "b"), f -> Layers.abRelu(f.requiredNumber("a"), f.requiredNumber("b"))),
            new LayerType("LeakyRelu", Set.of("alpha"), f -> Layers.leakyRelu(f.requiredNumber("alpha"))),
            LayerType.of("Abs", Layers::abs));

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
    public String name() {
        return name;
    }

    /** {@code a·min(u, 0) + b·max(u, 0)}. */
    @Override
    public double phi(double u) {
        return u < 0 ? a * u : b * u;
    }

    /** {@code a} for {@code u < 0}, else {@code b}. */
    @Override
    public double derivative(double u) {
        return u < 0 ? a : b;
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        Activations.abReluEntry(a, b, q12, q11, q22, out);
    }

    /** The arc-cosine row kernel of {@link Activations} (SIMD lanes, float32 twin); the same numbers as {@link #entry}. */
    @Override
    protected void transformRows(KernelState k, int offset, int from, int to) {
        Activations.abReluRows(a, b, k, offset, from, to);
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

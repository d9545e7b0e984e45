package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.layers.spec.LayerType;

/**
 * neural-tangents' {@code Sigmoid_like}: {@code φ(u) = 0.5·erf(u / 2.4020563531719796) + 0.5}, the
 * erf closest to the logistic sigmoid in squared loss on [−5, 5]; it is
 * {@code Erf(a = 0.5, b = 1/2.4020563531719796, c = 0.5)} and uses {@link Erf}'s kernel: with every q
 * scaled by b², {@code nngp' = a²·(2/π)·asin(2q12 / sqrt((1+2q11)(1+2q22))) + c²},
 * {@code K̇ = a²b²·(4/π) / sqrt((1+2q11)(1+2q22) − 4q12²)}.
 */
public final class SigmoidLike extends Elementwise {
    /** JSON spec type {@code Sigmoid_like} (no keys). */
    static final List<LayerType> SPEC = List.of(LayerType.of("Sigmoid_like", SigmoidLike::new));

    static final double A = 0.5;
    static final double B = 1 / 2.4020563531719796;
    static final double C = 0.5;

    SigmoidLike() {
    }

    @Override
    public String name() {
        return "Sigmoid_like";
    }

    /** The layer this one is, under neural-tangents' other name. */
    private static final Erf ERF = new Erf(A, B, C);

    /** Erf's arc-sine kernel: the same numbers as {@code Erf(A, B, C)}. */
    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        ERF.entry(q12, q11, q22, out);
    }

    @Override
    public double phi(double u) {
        return ERF.phi(u);
    }

    @Override
    public double derivative(double u) {
        return ERF.derivative(u);
    }

    @Override
    public String toString() {
        return "Sigmoid_like()";
    }
}

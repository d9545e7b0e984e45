package org.ntk4j.layers;

import java.util.function.DoubleUnaryOperator;

/**
 * A user's nonlinearity from lambdas, as neural-tangents' {@code Elementwise(fn, nngp_fn, d_nngp_fn)}:
 * φ and φ' for finite width, {@code F(q12, q11, q22) = E[φ(u)φ(v)]} for the kernel and, optionally,
 * {@code K̇(q12, q11, q22) = E[φ'(u)φ'(v)]}. Without K̇ it is {@code ∂F/∂q12} by
 * {@link NumericalDerivative#kdot} (fourth-order differences with step {@code 1e-3·sqrt(q11·q22)},
 * one-sided near |ρ| = 1 so that F is only evaluated at |ρ| ≤ 1; about 1e-10 relative for smooth F,
 * at the cost of four more evaluations of F per entry). neural-tangents uses autodiff there.
 *
 * <p>The name is required: it stands for φ and F in {@code toString()}, the Gram checkpoint
 * fingerprint, so two different user layers must have different names.
 */
public final class CustomElementwise extends Elementwise {
    private final String name;
    private final DoubleUnaryOperator phi;
    private final DoubleUnaryOperator derivative;
    private final EntryFunction nngp;
    private final EntryFunction kdot;

    /** {@code kdot} null: ∂F/∂q12 numerically. */
    CustomElementwise(String name, DoubleUnaryOperator phi, DoubleUnaryOperator derivative, EntryFunction nngp,
            EntryFunction kdot) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Elementwise: a user nonlinearity needs a non-blank name (it is the "
                    + "layer's checkpoint fingerprint), got " + (name == null ? "null" : "'" + name + "'"));
        }
        if (phi == null || derivative == null || nngp == null) {
            throw new IllegalArgumentException("Elementwise(name=" + name + "): phi, derivative and nngp must not be "
                    + "null (phi " + (phi == null ? "null" : "given") + ", derivative "
                    + (derivative == null ? "null" : "given") + ", nngp " + (nngp == null ? "null" : "given") + ")");
        }
        this.name = name;
        this.phi = phi;
        this.derivative = derivative;
        this.nngp = nngp;
        this.kdot = kdot;
    }

    /** The user's name, which is also the layer's name in error messages. */
    @Override
    public String name() {
        return name;
    }

    @Override
    public double phi(double u) {
        return phi.applyAsDouble(u);
    }

    @Override
    public double derivative(double u) {
        return derivative.applyAsDouble(u);
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        out.nngp = nngp.apply(q12, q11, q22);
        out.kdot = kdot != null ? kdot.apply(q12, q11, q22) : NumericalDerivative.kdot(nngp, q12, q11, q22);
    }

    /** {@code Elementwise(name=cos)}; {@code , kdot=numerical} when K̇ is derived from F. */
    @Override
    public String toString() {
        return "Elementwise(name=" + name + (kdot == null ? ", kdot=numerical" : "") + ")";
    }
}

package org.ntk4j.layers.finite;

import java.util.function.DoubleUnaryOperator;
import org.ntk4j.core.InputShape;
import org.ntk4j.layers.ABRelu;
import org.ntk4j.layers.Erf;

/**
 * A pointwise nonlinearity at finite width: {@code y = φ(x)} elementwise, cotangent
 * {@code δ_in = δ_out·φ'(x)} (the cotangent of output unit k at example n uses example n's x).
 */
final class ActivationModule extends SingleModule {
    private final DoubleUnaryOperator phi;
    private final DoubleUnaryOperator derivative;

    private ActivationModule(InputShape shape, DoubleUnaryOperator phi, DoubleUnaryOperator derivative) {
        super(shape, shape);
        this.phi = phi;
        this.derivative = derivative;
    }

    /** {@code φ(u) = a·min(u, 0) + b·max(u, 0)}, {@code φ'(u) = a} for {@code u < 0}, else {@code b}. */
    static ActivationModule of(ABRelu r, InputShape shape) {
        double a = r.a();
        double b = r.b();
        return new ActivationModule(shape, u -> u < 0 ? a * u : b * u, u -> u < 0 ? a : b);
    }

    /** {@code φ(u) = a·erf(b·u) + c}, {@code φ'(u) = a·b·2/√π·exp(−b²u²)} (erf from Commons Math, ~1e-15). */
    static ActivationModule of(Erf e, InputShape shape) {
        double a = e.a();
        double b = e.b();
        double c = e.c();
        double slope = a * b * 2.0 / Math.sqrt(Math.PI);
        return new ActivationModule(shape, u -> a * org.apache.commons.math3.special.Erf.erf(b * u) + c,
                u -> slope * Math.exp(-b * b * u * u));
    }

    @Override
    Pass pass(Params params, Batch x) {
        double[] xs = x.data();
        double[] y = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            y[i] = phi.applyAsDouble(xs[i]);
        }
        Batch output = new Batch(y, x.n(), out);
        return new Pass(output, (cot, gram) -> {
            // φ'(x) on the fly: the cotangent holds K·N examples (k·N + n uses example n's x), often just N.
            double[] d = cot.data();
            double[] dx = new double[d.length];
            for (int base = 0; base < d.length; base += xs.length) {
                for (int i = 0; i < xs.length; i++) {
                    dx[base + i] = d[base + i] * derivative.applyAsDouble(xs[i]);
                }
            }
            return new Batch(dx, cot.n(), in);
        });
    }
}

package org.ntk4j.layers.finite;

import java.util.function.DoubleUnaryOperator;
import org.ntk4j.core.InputShape;

/**
 * A pointwise nonlinearity at finite width: {@code y = φ(x)} elementwise, cotangent
 * {@code δ_in = δ_out·φ'(x)} (the cotangent of output unit k at example n uses example n's x).
 */
final class ActivationModule extends SingleModule {
    private final DoubleUnaryOperator phi;
    private final DoubleUnaryOperator derivative;

    ActivationModule(InputShape shape, DoubleUnaryOperator phi, DoubleUnaryOperator derivative) {
        super(shape, shape);
        this.phi = phi;
        this.derivative = derivative;
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

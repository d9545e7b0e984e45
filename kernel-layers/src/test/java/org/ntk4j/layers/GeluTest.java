package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.analysis.integration.gauss.SymmetricGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.ntk4j.core.ElementwiseKernel;
import org.ntk4j.layers.spec.NetworkSpec;

/** Gelu, the worked example of docs/ADDING_A_LAYER.md: closed form against quadrature, K̇ = ∂F/∂q12, spec. */
class GeluTest {
    private static final Gelu GELU = Layers.gelu();

    /** E[f(u) g(v)] for (u, v) Gaussian with variances q11, q22 and covariance q12, by a 2-D Gauss–Hermite rule. */
    static double expectation(java.util.function.DoubleUnaryOperator f, java.util.function.DoubleUnaryOperator g,
            double q12, double q11, double q22, int deg) {
        SymmetricGaussIntegrator rule = new GaussIntegratorFactory().hermite(deg);
        double slope = q12 / q11;
        double rest = Math.sqrt(Math.max(2 * (q22 - q12 * q12 / q11), 0.0));
        double sum = 0;
        for (int i = 0; i < deg; i++) {
            double u = Math.sqrt(2 * q11) * rule.getPoint(i);
            double fu = f.applyAsDouble(u);
            for (int j = 0; j < deg; j++) {
                sum += rule.getWeight(i) * rule.getWeight(j) * fu * g.applyAsDouble(slope * u + rest * rule.getPoint(j));
            }
        }
        return sum / Math.PI;
    }

    @Test
    void closedFormEqualsQuadratureOfPhiAndItsDerivative() {
        SplittableRandom r = new SplittableRandom(7);
        ElementwiseKernel.Entry e = new ElementwiseKernel.Entry();
        for (int t = 0; t < 40; t++) {
            double q11 = 0.05 + 3 * r.nextDouble();
            double q22 = 0.05 + 3 * r.nextDouble();
            double rho = t < 4 ? new double[] {1.0, -1.0, 0.999999, -0.999999}[t] : 2 * r.nextDouble() - 1;
            double q12 = rho * Math.sqrt(q11 * q22);
            GELU.entry(q12, q11, q22, e);
            double nngp = expectation(GELU::phi, GELU::phi, q12, q11, q22, 80);
            double kdot = expectation(GELU::derivative, GELU::derivative, q12, q11, q22, 80);
            assertEquals(nngp, e.nngp, 1e-10 * (1 + Math.abs(nngp)), "nngp at " + q12 + ", " + q11 + ", " + q22);
            assertEquals(kdot, e.kdot, 1e-9 * (1 + Math.abs(kdot)), "kdot at " + q12 + ", " + q11 + ", " + q22);
        }
    }

    @Test
    void kdotIsTheDerivativeOfNngpInQ12() {
        ElementwiseKernel.Entry e = new ElementwiseKernel.Entry();
        double q11 = 1.3, q22 = 0.7, h = 1e-5;
        for (double rho : new double[] {-0.9, -0.3, 0.0, 0.4, 0.95}) {
            double q12 = rho * Math.sqrt(q11 * q22);
            GELU.entry(q12 + h, q11, q22, e);
            double up = e.nngp;
            GELU.entry(q12 - h, q11, q22, e);
            double down = e.nngp;
            GELU.entry(q12, q11, q22, e);
            assertEquals((up - down) / (2 * h), e.kdot, 1e-8, "rho " + rho);
        }
    }

    @Test
    void specNamesTheLayerAndRejectsKeys() {
        assertEquals("Gelu()", NetworkSpec.parse("{\"type\": \"Gelu\"}").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.parse("{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}, {\"type\": \"Gelu\", \"a\": 1}]}"));
        assertEquals("layers[1] (Gelu): unknown key 'a'; allowed keys: []", e.getMessage());
    }
}

package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ntk4j.core.ElementwiseKernel;
import org.ntk4j.layers.spec.NetworkSpec;
import org.ntk4j.testkit.Seeded;

/**
 * neural-tangents' remaining closed forms (ExpNormalized, Gabor, Polynomial, Hermite, Sigmoid_like):
 * each against Gauss–Hermite quadrature of its φ (deg ≥ 60), K̇ against ∂F/∂q12, identities, specs.
 */
class ZooClosedFormsTest {
    /** (q12, q11, q22) with variances in [0.05, 0.05 + span], the first cases at and near |ρ| = 1. */
    static double[][] cases(long seed, int n, double span) {
        return Seeded.covarianceTriples(seed, n, span, 1.0, -1.0, 0.999999, -0.999999, 0.0);
    }

    /** Worst |closed − quadrature| / (1 + |quadrature|) for nngp and K̇, with deg-{@code deg} quadrature of φ, φ'. */
    static double[] againstQuadrature(Elementwise layer, double[][] cases, int deg) {
        ElementwiseNumerical num = elementwiseNumerical(layer.toString(), layer::phi, layer::derivative, deg);
        ElementwiseKernel.Entry a = new ElementwiseKernel.Entry(), b = new ElementwiseKernel.Entry();
        double nngp = 0, kdot = 0;
        for (double[] c : cases) {
            layer.entry(c[0], c[1], c[2], a);
            num.entry(c[0], c[1], c[2], b);
            nngp = Math.max(nngp, Math.abs(a.nngp - b.nngp) / (1 + Math.abs(b.nngp)));
            kdot = Math.max(kdot, Math.abs(a.kdot - b.kdot) / (1 + Math.abs(b.kdot)));
        }
        System.out.printf("%-40s vs quadrature deg %d: nngp %.1e kdot %.1e%n", layer, deg, nngp, kdot);
        return new double[] {nngp, kdot};
    }

    /** Worst |K̇ − ∂F/∂q12| / (1 + |K̇|), the derivative by {@link NumericalDerivative#kdot}. */
    static double kdotAgainstDerivative(Elementwise layer, double[][] cases) {
        ElementwiseKernel.Entry e = new ElementwiseKernel.Entry();
        EntryFunction f = (q12, q11, q22) -> {
            ElementwiseKernel.Entry x = new ElementwiseKernel.Entry();
            layer.entry(q12, q11, q22, x);
            return x.nngp;
        };
        double worst = 0;
        for (double[] c : cases) {
            layer.entry(c[0], c[1], c[2], e);
            worst = Math.max(worst, Math.abs(e.kdot - NumericalDerivative.kdot(f, c[0], c[1], c[2])) / (1 + Math.abs(e.kdot)));
        }
        System.out.printf("%-40s K̇ vs numerical ∂F/∂q12: %.1e%n", layer, worst);
        return worst;
    }

    private static void assertBoth(double[] errors, double tol, String what) {
        assertTrue(errors[0] <= tol && errors[1] <= tol, what + ": nngp " + errors[0] + ", kdot " + errors[1]);
    }

    @Test
    void gaborAgainstQuadrature() {
        Gabor g = gabor();
        // exp(−u²) at u = sqrt(2q)·t narrows against the nodes as q grows: deg 80 is exact to 1e-15 up
        // to q = 1 but only to 1e-6 at q = 2.5 (the closed form agrees with deg 200 there to 1e-14).
        assertBoth(againstQuadrature(g, cases(1, 60, 1.0), 80), 1e-9, "Gabor");
        assertBoth(againstQuadrature(g, cases(1, 30, 2.5), 150), 1e-9, "Gabor");
        // The fourth-order difference's truncation error is larger for Gabor's F (3e-9); K̇ itself
        // matched quadrature of φ' to 1e-12 above.
        assertTrue(kdotAgainstDerivative(g, cases(2, 40, 2.5)) < 1e-8);
        // The diagonal form of neural-tangents: (1 − exp(−2q/(1+4q))) / (2·sqrt(1+4q)).
        ElementwiseKernel.Entry e = new ElementwiseKernel.Entry();
        for (double q : new double[] {0.0, 0.3, 2.0}) {
            g.entry(q, q, q, e);
            assertEquals((1 - Math.exp(-2 * q / (1 + 4 * q))) / (2 * Math.sqrt(1 + 4 * q)), e.nngp, 1e-16);
        }
    }

    @Test
    void sigmoidLikeIsErfWithNtsConstants() {
        SigmoidLike s = sigmoidLike();
        Erf erf = erf(0.5, 1 / 2.4020563531719796, 0.5);
        ElementwiseKernel.Entry a = new ElementwiseKernel.Entry(), b = new ElementwiseKernel.Entry();
        for (double[] c : cases(3, 20, 3.0)) {
            s.entry(c[0], c[1], c[2], a);
            erf.entry(c[0], c[1], c[2], b);
            assertEquals(b.nngp, a.nngp, 0.0);
            assertEquals(b.kdot, a.kdot, 0.0);
        }
        assertEquals(erf.phi(0.7), s.phi(0.7), 0.0);
        assertEquals(erf.derivative(0.7), s.derivative(0.7), 0.0);
        assertEquals(0.5, s.phi(0), 0.0);
        assertTrue(Math.abs(s.phi(2.0) - 1 / (1 + Math.exp(-2.0))) < 0.01, "close to the logistic sigmoid");
        assertBoth(againstQuadrature(s, cases(4, 40, 2.5), 60), 1e-9, "Sigmoid_like");
    }

    /** neural-tangents' own evaluation: r_l(q) with half-integer powers and ρ = q12/sqrt(q11·q22). */
    private static double[] ntPolynomial(double[] coef, double q12, double q11, double q22) {
        int degree = coef.length;
        double ratio = q12 / Math.sqrt(q11 * q22), nngp = 0, kdot = 0;
        for (int l = 0; l < degree; l++) {
            double r1 = 0, r2 = 0;
            for (int i = 0; 2 * i + l < degree; i++) {
                int k = 2 * i + l;
                double c = coef[k] * factorial(k) / (Math.pow(2, i) * factorial(i) * Math.sqrt(factorial(l)));
                r1 += c * Math.pow(q11, k / 2.0);
                r2 += c * Math.pow(q22, k / 2.0);
            }
            nngp += r1 * r2 * Math.pow(ratio, l);
            if (l > 0) {
                kdot += l * r1 * r2 * Math.pow(ratio, l - 1);
            }
        }
        return new double[] {nngp, kdot / Math.sqrt(q11 * q22)};
    }

    private static double factorial(int n) {
        double f = 1;
        for (int k = 2; k <= n; k++) {
            f *= k;
        }
        return f;
    }

    @Test
    void polynomialAgainstQuadratureAndNtsForm() {
        double[] coef = {0.3, -1.2, 0.5, 0.7, -0.2, 0.05};
        Polynomial p = polynomial(coef);
        // φ(u)φ(v) is a polynomial of degree 10 in each node: deg 60 is exact up to rounding.
        assertBoth(againstQuadrature(p, cases(5, 60, 2.5), 60), 1e-9, "Polynomial");
        assertTrue(kdotAgainstDerivative(p, cases(6, 30, 2.5)) < 1e-9);
        ElementwiseKernel.Entry e = new ElementwiseKernel.Entry();
        for (double[] c : cases(7, 30, 2.5)) {
            p.entry(c[0], c[1], c[2], e);
            double[] nt = ntPolynomial(coef, c[0], c[1], c[2]);
            assertEquals(nt[0], e.nngp, 1e-12 * (1 + Math.abs(nt[0])));
            assertEquals(nt[1], e.kdot, 1e-12 * (1 + Math.abs(nt[1])));
        }
        // Identities: the identity map, a constant, and a zero variance (neural-tangents: 0/0).
        polynomial(0, 1).entry(0.4, 1.1, 0.9, e);
        assertEquals(0.4, e.nngp, 0.0);
        assertEquals(1.0, e.kdot, 0.0);
        polynomial(1.5).entry(0.4, 1.1, 0.9, e);
        assertEquals(2.25, e.nngp, 0.0);
        assertEquals(0.0, e.kdot, 0.0);
        polynomial(1, 2, 3).entry(0.0, 0.0, 0.5, e);
        assertEquals(1 * (1 + 3 * 0.5), e.nngp, 1e-15); // φ(0)·E[φ(v)] = 1·(1 + 3·q22)
        assertEquals(2 * 2, e.kdot, 1e-15); // φ'(0)·E[φ'(v)] = 2·2
    }

    @Test
    void hermiteAtUnitVariances() {
        for (int n = 0; n <= 6; n++) {
            Hermite h = hermite(n);
            double[][] unit = new double[25][];
            SplittableRandom r = new SplittableRandom(n);
            for (int t = 0; t < unit.length; t++) {
                unit[t] = new double[] {t == 0 ? 1 : t == 1 ? -1 : 2 * r.nextDouble() - 1, 1.0, 1.0};
            }
            assertBoth(againstQuadrature(h, unit, 60), 1e-9, "Hermite " + n);
            assertTrue(kdotAgainstDerivative(h, cases(8, 20, 2.0)) < 1e-9, "Hermite " + n + " kdot");
            // E[φ(z)²] = 1 at unit variance.
            ElementwiseKernel.Entry e = new ElementwiseKernel.Entry();
            h.entry(1, 1, 1, e);
            assertEquals(1.0, e.nngp, 0.0);
        }
        // neural-tangents' number does not depend on the variances (it assumes unit ones).
        ElementwiseKernel.Entry e = new ElementwiseKernel.Entry();
        hermite(3).entry(0.5, 2.0, 3.0, e);
        assertEquals(0.125, e.nngp, 0.0);
        assertEquals(0.75, e.kdot, 0.0);
        assertEquals(0.0, hermite(3).phi(Math.sqrt(3)), 1e-15); // a root of He_3 = u³ − 3u
        assertEquals((Math.pow(1.7, 3) - 3 * 1.7) / Math.sqrt(6), hermite(3).phi(1.7), 1e-15);
        assertEquals((3 * 1.7 * 1.7 - 3) / Math.sqrt(6), hermite(3).derivative(1.7), 1e-15);
    }

    @Test
    void expNormalizedIdentities() {
        ExpNormalized d = expNormalized();
        ElementwiseKernel.Entry e = new ElementwiseKernel.Entry();
        // ρ = 1 with shift −1: variances unchanged; K̇ = γ·exp(γ(ρ + shift)).
        d.entry(Math.sqrt(2.0 * 0.5), 2.0, 0.5, e);
        assertEquals(1.0, e.nngp, 1e-15);
        assertEquals(1.0, e.kdot, 1e-15);
        ExpNormalized g = expNormalized(2.5, -0.3, false);
        g.entry(0.2, 0.8, 1.3, e);
        double s = Math.sqrt(0.8 * 1.3), rho = 0.2 / s;
        assertEquals(s * Math.exp(2.5 * (rho - 0.3)), e.nngp, 1e-15);
        assertEquals(2.5 * Math.exp(2.5 * (rho - 0.3)), e.kdot, 1e-15);
        assertTrue(kdotAgainstDerivative(g, cases(9, 30, 2.5)) < 1e-9);
        // Clipping: ρ above 1 by rounding is clipped, K̇ keeps neural-tangents' γ·exp(...).
        ExpNormalized c = expNormalized(1.0, -1.0, true);
        c.entry(1.1 * s, 0.8, 1.3, e);
        assertEquals(s, e.nngp, 1e-15);
        assertEquals(1.0, e.kdot, 1e-15);
        d.entry(1.1 * s, 0.8, 1.3, e);
        assertEquals(s * Math.exp(0.1), e.nngp, 1e-14);
        // A zero variance: s clamps at sqrt(1e-30).
        d.entry(0.0, 0.0, 1.0, e);
        assertEquals(1e-15 * Math.exp(-1), e.nngp, 1e-30);
        UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class, () -> d.phi(0.1));
        assertTrue(u.getMessage().startsWith("ExpNormalized:"), u.getMessage());
    }

    @Test
    void specsAndNames() {
        String dense = "{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}, ";
        String[][] specs = {
            {"{\"type\": \"ExpNormalized\"}", "ExpNormalized(gamma=1.0, shift=-1.0, do_clip=false)"},
            {"{\"type\": \"ExpNormalized\", \"gamma\": 2, \"shift\": 0.5, \"do_clip\": true}",
                "ExpNormalized(gamma=2.0, shift=0.5, do_clip=true)"},
            {"{\"type\": \"Gabor\"}", "Gabor()"},
            {"{\"type\": \"Polynomial\", \"coef\": [1, 0.5, -2]}", "Polynomial(coef=[1.0, 0.5, -2.0])"},
            {"{\"type\": \"Hermite\", \"degree\": 3}", "Hermite(degree=3)"},
            {"{\"type\": \"Sigmoid_like\"}", "Sigmoid_like()"},
        };
        for (String[] s : specs) {
            Layer net = NetworkSpec.parse(dense + s[0] + "]}");
            assertTrue(net.toString().contains(s[1]), net + " should contain " + s[1]);
        }
        assertEquals("ExpNormalized(gamma=1.0, shift=-1.0, do_clip=false)", expNormalized().toString());
        assertEquals("Sigmoid_like", sigmoidLike().name());
        assertEquals("Polynomial(coef=[0.0, 1.0])", polynomial(0, 1).toString());
    }

    @Test
    void badInput() {
        String dense = "{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}, ";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hermite(-1));
        assertEquals("Hermite: degree must be 0..170 (sqrt(n!) overflows beyond, as in neural-tangents), got -1",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.parse(dense + "{\"type\": \"Hermite\", \"degree\": 171}]}"));
        assertEquals("layers[1] (Hermite): Hermite: degree must be 0..170 (sqrt(n!) overflows beyond, as in "
                + "neural-tangents), got 171", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.parse(dense + "{\"type\": \"Hermite\"}]}"));
        assertEquals("layers[1] (Hermite): missing key 'degree'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> polynomial());
        assertEquals("Polynomial: coef must have 1..171 coefficients, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> polynomial(1, Double.NaN));
        assertEquals("Polynomial: coefficients must be finite, got [1.0, NaN]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> polynomial(new double[200]));
        assertTrue(e.getMessage().startsWith("Polynomial: coef must have 1..171 coefficients, got 200"));
        double[] huge = new double[171];
        huge[170] = 1e10;
        e = assertThrows(IllegalArgumentException.class, () -> polynomial(huge));
        assertTrue(e.getMessage().startsWith("Polynomial: the kernel coefficient of degree "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.parse(dense + "{\"type\": \"Polynomial\", \"coef\": []}]}"));
        assertTrue(e.getMessage().startsWith("layers[1] (Polynomial): key 'coef' must be a non-empty array"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> expNormalized(Double.NaN, -1, false));
        assertEquals("ExpNormalized: gamma and shift must be finite, got NaN, -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.parse(dense + "{\"type\": \"ExpNormalized\", \"do_clip\": 1}]}"));
        assertTrue(e.getMessage().startsWith("layers[1] (ExpNormalized): key 'do_clip' must be true or false"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.parse(dense + "{\"type\": \"Gabor\", \"a\": 1}]}"));
        assertEquals("layers[1] (Gabor): unknown key 'a'; allowed keys: []", e.getMessage());
    }
}

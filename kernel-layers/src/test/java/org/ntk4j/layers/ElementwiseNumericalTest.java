package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;
import static org.ntk4j.testkit.KernelAsserts.assertClose;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.analysis.integration.gauss.SymmetricGaussIntegrator;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;
import org.ntk4j.core.ElementwiseKernel;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.Precision;
import org.ntk4j.layers.spec.NetworkSpec;
import org.ntk4j.testkit.KernelAsserts;
import org.ntk4j.testkit.Seeded;
import org.ntk4j.testkit.TestFixtures;

/**
 * ElementwiseNumerical: the Hermite rule, quadrature of Erf's and Gelu's φ against their closed
 * forms, the edge cases (q11 = 0, |ρ| slightly above 1), the numerical φ', the zoo fixture, specs.
 */
class ElementwiseNumericalTest {
    private static final double SQRT_PI = Math.sqrt(Math.PI);

    @Test
    void hermiteRuleMatchesHighPrecisionValuesAndMoments() {
        // Closed forms for deg 2 and 3; mpmath (50 digits) for the largest and a central node of deg 25 and 100.
        SymmetricGaussIntegrator r2 = new GaussIntegratorFactory().hermite(2);
        assertEquals(1 / Math.sqrt(2), Math.abs(r2.getPoint(0)), 1e-16);
        assertEquals(SQRT_PI / 2, r2.getWeight(0), 4e-16);
        SymmetricGaussIntegrator r3 = new GaussIntegratorFactory().hermite(3);
        assertEquals(Math.sqrt(1.5), Math.abs(r3.getPoint(0)), 4e-16);
        assertEquals(SQRT_PI / 6, r3.getWeight(0), 2e-15 * SQRT_PI / 6);
        assertEquals(2 * SQRT_PI / 3, r3.getWeight(1), 2e-15 * SQRT_PI / 3);
        checkNode(25, 6.1642724340524517709, 2.7119235140384118853e-17);
        checkNode(25, 0.0, 0.43986872216948486672);
        checkNode(100, 13.406487338144910138, 5.9080678650312068153e-79);
        checkNode(100, 0.11079587242243948289, 0.21889262958743912506);
        // Σ w t^{2k} = Γ(k + 1/2) exactly for 2k ≤ 2·deg − 1.
        for (int deg : new int[] {1, 2, 5, 25, 50, 80, 100}) {
            SymmetricGaussIntegrator r = new GaussIntegratorFactory().hermite(deg);
            for (int k = 0; k <= Math.min(deg - 1, 12); k++) {
                double sum = 0;
                for (int i = 0; i < deg; i++) {
                    sum += r.getWeight(i) * Math.pow(r.getPoint(i), 2 * k);
                }
                double exact = Math.exp(Gamma.logGamma(k + 0.5));
                assertEquals(exact, sum, 5e-14 * exact, "deg " + deg + " moment " + 2 * k);
            }
        }
    }

    private static void checkNode(int deg, double node, double weight) {
        SymmetricGaussIntegrator r = new GaussIntegratorFactory().hermite(deg);
        int nearest = 0;
        for (int i = 0; i < deg; i++) {
            if (Math.abs(r.getPoint(i) - node) < Math.abs(r.getPoint(nearest) - node)) {
                nearest = i;
            }
        }
        assertEquals(node, r.getPoint(nearest), 2e-14 * Math.max(1, node), "deg " + deg + " node");
        assertEquals(weight, r.getWeight(nearest), 1e-13 * weight, "deg " + deg + " weight");
    }

    /** Random (q12, q11, q22) with the first cases at |ρ| = 1 and near it. */
    private static double[][] cases(long seed, int n) {
        return cases(seed, n, 2.5);
    }

    /** As {@link #cases(long, int)} with variances in [0.05, 0.05 + span]. */
    private static double[][] cases(long seed, int n, double span) {
        return Seeded.covarianceTriples(seed, n, span, 1.0, -1.0, 0.999999, -0.999999, 1 - 1e-12, 0.0);
    }

    /** Worst |a − b| / (1 + |b|) of nngp and kdot over the cases. */
    private static double[] worst(ElementwiseKernel a, ElementwiseKernel b, double[][] cases) {
        ElementwiseKernel.Entry ea = new ElementwiseKernel.Entry(), eb = new ElementwiseKernel.Entry();
        double nngp = 0, kdot = 0;
        for (double[] c : cases) {
            a.entry(c[0], c[1], c[2], ea);
            b.entry(c[0], c[1], c[2], eb);
            nngp = Math.max(nngp, Math.abs(ea.nngp - eb.nngp) / (1 + Math.abs(eb.nngp)));
            kdot = Math.max(kdot, Math.abs(ea.kdot - eb.kdot) / (1 + Math.abs(eb.kdot)));
        }
        return new double[] {nngp, kdot};
    }

    @Test
    void quadratureOfErfAndGeluEqualsTheirClosedForms() {
        Erf erf = erf(1.3, 0.8, 0.2);
        Gelu gelu = gelu();
        double[] e = worst(elementwiseNumerical("erf", erf::phi, erf::derivative, 80), erf, cases(3, 60));
        double[] g = worst(elementwiseNumerical("gelu", gelu::phi, gelu::derivative, 80), gelu, cases(4, 60));
        System.out.printf("ElementwiseNumerical deg 80: Erf nngp %.1e kdot %.1e, Gelu nngp %.1e kdot %.1e%n", e[0], e[1],
                g[0], g[1]);
        assertTrue(e[0] <= 1e-9 && e[1] <= 1e-9, "Erf " + e[0] + ", " + e[1]);
        assertTrue(g[0] <= 1e-9 && g[1] <= 1e-9, "Gelu " + g[0] + ", " + g[1]);
        // The default Erf too (a = 1, b = 1, c = 0), up to variance 1.55: beyond, erf' = exp(−u²) at
        // u = sqrt(2q)·t is narrow against the nodes and deg 80 gives 1e-8 at q = 2, 2e-7 at q = 2.5.
        Erf plain = erf();
        double[] p = worst(elementwiseNumerical("erf", plain::phi, plain::derivative, 80), plain, cases(5, 30, 1.5));
        assertTrue(p[0] <= 1e-9 && p[1] <= 1e-9, "Erf() " + p[0] + ", " + p[1]);
    }

    @Test
    void zeroVarianceAndRhoAboveOneByRounding() {
        Erf erf = erf(1.0, 1.0, 0.3);
        ElementwiseNumerical num = elementwiseNumerical("erf", erf::phi, erf::derivative, 80);
        ElementwiseKernel.Entry a = new ElementwiseKernel.Entry(), b = new ElementwiseKernel.Entry();
        // q11 = 0: u ≡ 0, F = φ(0)·E[φ(v)] = c², K̇ = φ'(0)·E[φ'(v)] = (4/π)/sqrt(1 + 2q22).
        num.entry(0.0, 0.0, 0.7, a);
        assertEquals(0.09, a.nngp, 1e-14);
        assertEquals(4 / Math.PI / Math.sqrt(1 + 2 * 0.7), a.kdot, 1e-13);
        // q22 − q12²/q11 < 0 by rounding (ρ = 1 + 1e-13): the residual is clamped to 0, no NaN; the
        // same numbers as at ρ = 1 up to the 1e-13 shift of q12, and the closed form's to quadrature error.
        double q11 = 0.8, q22 = 1.2, q12 = (1 + 1e-13) * Math.sqrt(q11 * q22);
        num.entry(q12, q11, q22, a);
        num.entry(Math.sqrt(q11 * q22), q11, q22, b);
        assertEquals(b.nngp, a.nngp, 1e-12);
        assertEquals(b.kdot, a.kdot, 1e-12);
        erf.entry(Math.sqrt(q11 * q22), q11, q22, b);
        assertEquals(b.nngp, a.nngp, 1e-9);
        assertEquals(b.kdot, a.kdot, 1e-9);
    }

    @Test
    void numericalDerivativeOfPhi() {
        double worst = 0;
        for (double x = -6; x <= 6; x += 0.01) {
            double t = Math.tanh(x);
            worst = Math.max(worst, Math.abs(NumericalDerivative.derivative(Math::tanh, x) - (1 - t * t)));
            double s = ElementwiseNumerical.sigmoid(x);
            worst = Math.max(worst, Math.abs(NumericalDerivative.derivative(ElementwiseNumerical::softplus, x) - s));
        }
        System.out.printf("numerical φ' of tanh, softplus: max error %.1e%n", worst);
        assertTrue(worst < 1e-11, "numerical derivative error " + worst);
        double[] w = worst(elementwiseNumerical("tanh", Math::tanh, 30), elementwiseNumerical("tanh", 30), cases(6, 30));
        assertTrue(w[0] == 0 && w[1] < 1e-11, "numerical φ' in the kernel: " + w[1]);
    }

    @Test
    void builtInFunctions() {
        for (double x : new double[] {-800, -30, -1.5, 0, 0.7, 30, 800}) {
            assertEquals(Math.log1p(Math.exp(Math.min(x, 700))) + Math.max(x - 700, 0), ElementwiseNumerical.softplus(x),
                    1e-15 * Math.max(1, Math.abs(x)), "softplus " + x);
            assertEquals(x <= -700 ? 0 : 1 / (1 + Math.exp(-x)), ElementwiseNumerical.sigmoid(x), 1e-16, "sigmoid " + x);
            for (String fn : new String[] {"tanh", "softplus", "swish", "sigmoid"}) {
                ElementwiseNumerical f = elementwiseNumerical(fn, 5);
                if (Math.abs(x) < 100) {
                    assertEquals(NumericalDerivative.derivative(f::phi, x), f.derivative(x), 1e-10, fn + "' at " + x);
                }
                assertTrue(Double.isFinite(f.phi(x)) && Double.isFinite(f.derivative(x)), fn + " at " + x);
            }
        }
        assertEquals(0.7 * ElementwiseNumerical.sigmoid(0.7), elementwiseNumerical("swish", 5).phi(0.7), 0.0);
    }

    /**
     * neural-tangents' scheme is not symmetric in (q11, q22) at low degree, so its K(X, X) is not
     * symmetric (here by 7e-4 relative below the diagonal). The layer says so, and a Gram build of X
     * with itself then evaluates every ordered pair: it matches both triangles, as X against a copy
     * of X does.
     */
    @Test
    void zooFixtureNumericalTanh() {
        Fixtures f = Fixtures.load(TestFixtures.sharedDir().resolve("zoo").resolve("zoo_fcn_numerical_tanh.json"));
        Kernel sym = f.network().kernel(f.x1());
        int n = (int) f.x1().size(0);
        double asymmetry = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                asymmetry = Math.max(asymmetry, Math.abs(f.nngp().getDouble(i, j) / f.nngp().getDouble(j, i) - 1));
            }
        }
        assertTrue(asymmetry > 1e-5, "the reference itself is asymmetric: " + asymmetry);
        assertClose(f.nngp(), sym.nngp(), 1e-9, "nngp of K(X, X), both triangles");
        assertClose(f.ntk(), sym.ntk(), 1e-9, "ntk of K(X, X), both triangles");
        Kernel k = f.network().kernel(f.x1(), f.x1().dup());
        System.out.printf("zoo_fcn_numerical_tanh float64: nngp %.1e ntk %.1e%n", KernelAsserts.relativeError(f.nngp(),
                k.nngp()), KernelAsserts.relativeError(f.ntk(), k.ntk()));
        assertClose(f.nngp(), k.nngp(), 1e-9, "nngp");
        assertClose(f.ntk(), k.ntk(), 1e-9, "ntk");
        KernelFunction net32 = f.network().withPrecision(Precision.FLOAT32);
        Kernel k32 = net32.kernel(f.x1(), f.x1().dup());
        System.out.printf("zoo_fcn_numerical_tanh float32: nngp %.1e ntk %.1e%n", KernelAsserts.relativeError(f.nngp(),
                k32.nngp()), KernelAsserts.relativeError(f.ntk(), k32.ntk()));
        assertClose(f.nngp(), k32.nngp(), 1e-5, "float32 nngp");
        assertClose(f.ntk(), k32.ntk(), 1e-5, "float32 ntk");
    }

    @Test
    void specAndName() {
        Layer net = NetworkSpec.parse("{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}, "
                + "{\"type\": \"ElementwiseNumerical\", \"fn\": \"tanh\", \"deg\": 25}]}");
        assertTrue(net.toString().contains("ElementwiseNumerical(fn=tanh, deg=25)"), net.toString());
        assertEquals("ElementwiseNumerical(fn=tanh, deg=25)", elementwiseNumerical("tanh", 25).toString());
        assertEquals("ElementwiseNumerical(fn=t, deg=9, derivative=numerical)",
                elementwiseNumerical("t", Math::tanh, 9).toString());
        assertEquals("ElementwiseNumerical", elementwiseNumerical("swish", 3).name());
    }

    @Test
    void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> elementwiseNumerical("tanh", 0));
        assertEquals("ElementwiseNumerical(fn=tanh): deg must be at least 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> elementwiseNumerical("relu", 25));
        assertEquals("ElementwiseNumerical: unknown fn 'relu'; known functions: sigmoid, softplus, swish, tanh",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> elementwiseNumerical(" ", Math::tanh, 25));
        assertEquals("ElementwiseNumerical: the function needs a non-blank name (it is the layer's checkpoint "
                + "fingerprint), got ' '", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> elementwiseNumerical("f", Math::tanh, null, 25));
        assertTrue(e.getMessage().startsWith("ElementwiseNumerical(fn=f): derivative must not be null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> elementwiseNumerical("f", null, 25));
        assertEquals("ElementwiseNumerical(fn=f): phi must not be null", e.getMessage());

        String dense = "{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}, ";
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.parse(dense + "{\"type\": \"ElementwiseNumerical\", \"fn\": \"tanh\", \"deg\": 0}]}"));
        assertEquals("layers[1] (ElementwiseNumerical): ElementwiseNumerical(fn=tanh): deg must be at least 1, got 0",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.parse(dense + "{\"type\": \"ElementwiseNumerical\", \"fn\": \"gelu\", \"deg\": 5}]}"));
        assertEquals("layers[1] (ElementwiseNumerical): ElementwiseNumerical: unknown fn 'gelu'; known functions: "
                + "sigmoid, softplus, swish, tanh", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.parse(dense + "{\"type\": \"ElementwiseNumerical\", \"deg\": 5}]}"));
        assertEquals("layers[1] (ElementwiseNumerical): missing key 'fn' (one of [sigmoid, softplus, swish, tanh])",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.parse(dense + "{\"type\": \"ElementwiseNumerical\", \"fn\": \"tanh\"}]}"));
        assertEquals("layers[1] (ElementwiseNumerical): missing key 'deg' (quadrature degree, e.g. 25)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.parse(dense + "{\"type\": \"ElementwiseNumerical\", \"fn\": \"tanh\", \"deg\": 2.5}]}"));
        assertTrue(e.getMessage().startsWith("layers[1] (ElementwiseNumerical): key 'deg' must be an integer"),
                e.getMessage());
        for (IllegalArgumentException x : new IllegalArgumentException[] {e}) {
            assertTrue(!x.getMessage().contains("\n"));
        }
    }

    /** Used by the Monte Carlo and closed-form tests: φ of a layer as an operator. */
    static DoubleUnaryOperator phi(Elementwise e) {
        return e::phi;
    }
}

package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;
import static org.ntk4j.testkit.KernelAsserts.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.analysis.integration.gauss.SymmetricGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntk4j.core.ElementwiseKernel.Entry;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.Precision;
import org.ntk4j.layers.spec.NetworkSpec;
import org.ntk4j.testkit.KernelAsserts;
import org.ntk4j.testkit.Seeded;
import org.ntk4j.testkit.TestFixtures;

/**
 * The closed-form nonlinearities of neural-tangents' zoo (Sin, Cos, Rbf, Exp, Gaussian, Sign,
 * Monomial, RectifiedMonomial): closed forms against 2-D Gauss–Hermite quadrature of φ·φ and
 * φ'·φ' (smooth layers), against exact polar quadrature and identities (Sign, RectifiedMonomial,
 * whose kinks spoil Gauss–Hermite), K̇ = ∂F/∂q12, the shared zoo fixtures in float64 and float32,
 * JSON specs and bad input.
 */
class ClosedFormZooTest {
    /** Gauss–Hermite degree for the smooth layers (80 leaves 2e-9 for Gaussian's K̇ at ρ = 0.999999). */
    private static final int DEG = 120;
    private static final java.util.Map<Integer, SymmetricGaussIntegrator> RULES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@link GeluTest#expectation} (E[f(u)·g(v)] by the 2-D Gauss–Hermite rule of neural-tangents'
     * ElementwiseNumerical) with the rule of each degree computed once.
     */
    static double expectation(DoubleUnaryOperator f, DoubleUnaryOperator g, double q12, double q11, double q22, int deg) {
        SymmetricGaussIntegrator rule = RULES.computeIfAbsent(deg, d -> new GaussIntegratorFactory().hermite(d));
        double slope = q12 / q11;
        double rest = Math.sqrt(Math.max(2 * (q22 - q12 * q12 / q11), 0.0));
        double sum = 0;
        for (int i = 0; i < deg; i++) {
            double u = Math.sqrt(2 * q11) * rule.getPoint(i);
            double fu = f.applyAsDouble(u);
            double inner = 0;
            for (int j = 0; j < deg; j++) {
                inner += rule.getWeight(j) * g.applyAsDouble(slope * u + rest * rule.getPoint(j));
            }
            sum += rule.getWeight(i) * fu * inner;
        }
        return sum / Math.PI;
    }

    /** The smooth layers, with parameters away from the defaults and at them. */
    static Stream<Elementwise> smooth() {
        return Stream.of(sin(), sin(1.2, 0.7, 0.3), sin(0.8, 1.6, -2.0), cos(), cos(0.9, 1.1, -0.2), rbf(), rbf(0.5),
                exp(), exp(1.0, 0.3), exp(0.8, -0.6), gaussian(), gaussian(1.1, -0.6), gaussian(0.7, 0.05),
                monomial(0), monomial(1), monomial(2), monomial(3), monomial(4), monomial(5));
    }

    /** Random (q12, q11, q22): q in [0.05, 3.05], the first four with ρ = ±1, ±0.999999. */
    private static double[][] points(long seed, int n) {
        return Seeded.covarianceTriples(seed, n, 3, 1.0, -1.0, 0.999999, -0.999999);
    }

    private static Entry entry(Elementwise layer, double q12, double q11, double q22) {
        Entry e = new Entry();
        layer.entry(q12, q11, q22, e);
        return e;
    }

    /**
     * The Cauchy–Schwarz bounds {@code sqrt(F(q11,q11,q11)·F(q22,q22,q22))} of |nngp'| and of |K̇|:
     * the scale an entry is judged against where it is near 0 (odd monomials at ρ = 0, Sin with c).
     */
    private static double[] scales(Elementwise layer, double q11, double q22) {
        Entry a = entry(layer, q11, q11, q11);
        Entry b = entry(layer, q22, q22, q22);
        return new double[] {Math.sqrt(Math.abs(a.nngp * b.nngp)), Math.sqrt(Math.abs(a.kdot * b.kdot))};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smooth")
    void smoothClosedFormsEqualGaussHermiteQuadrature(Elementwise layer) {
        double worstNngp = 0, worstKdot = 0;
        for (double[] p : points(17, 30)) {
            double q12 = p[0], q11 = p[1], q22 = p[2];
            Entry e = entry(layer, q12, q11, q22);
            double nngp = expectation(layer::phi, layer::phi, q12, q11, q22, DEG);
            double kdot = expectation(layer::derivative, layer::derivative, q12, q11, q22, DEG);
            double[] scale = scales(layer, q11, q22);
            double errNngp = Math.abs(e.nngp - nngp) / Math.max(Math.abs(nngp), scale[0]);
            double errKdot = scale[1] == 0 ? Math.abs(e.kdot - kdot) : Math.abs(e.kdot - kdot) / Math.max(Math.abs(kdot), scale[1]);
            String at = layer + " at q12=" + q12 + ", q11=" + q11 + ", q22=" + q22;
            assertTrue(errNngp <= 1e-9, at + ": nngp " + e.nngp + " vs quadrature " + nngp);
            assertTrue(errKdot <= 1e-9, at + ": kdot " + e.kdot + " vs quadrature " + kdot);
            worstNngp = Math.max(worstNngp, errNngp);
            worstKdot = Math.max(worstKdot, errKdot);
        }
        System.out.printf("quadrature %-32s nngp %.1e kdot %.1e%n", layer, worstNngp, worstKdot);
    }

    static Stream<Elementwise> differentiable() {
        return Stream.concat(smooth(), Stream.of(rectifiedMonomial(1), rectifiedMonomial(2), rectifiedMonomial(3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentiable")
    void kdotIsTheDerivativeOfNngpInQ12(Elementwise layer) {
        for (double[] p : points(23, 24)) {
            double q11 = p[1], q22 = p[2];
            double rho = Math.max(-0.95, Math.min(0.95, p[0] / Math.sqrt(q11 * q22)));
            double q12 = rho * Math.sqrt(q11 * q22), h = 1e-5 * Math.sqrt(q11 * q22);
            double slope = (entry(layer, q12 + h, q11, q22).nngp - entry(layer, q12 - h, q11, q22).nngp) / (2 * h);
            double kdot = entry(layer, q12, q11, q22).kdot;
            double scale = Math.max(Math.abs(kdot), scales(layer, q11, q22)[1]);
            assertEquals(slope, kdot, 1e-7 * Math.max(scale, 1e-300), layer + " at rho " + rho);
        }
    }

    // ---- the kinked layers: Sign and RectifiedMonomial ----

    /**
     * E[f(u)·g(v)] for f, g positively homogeneous of degree m ({@code f(r·x) = rᵐ·f(x)}, r &gt; 0)
     * whose only kinks are at 0: in polar coordinates of the standard normal z with
     * {@code (u, v) = L·z}, the radial integral is {@code ∫ r^{2m+1} e^{−r²/2} dr = 2ᵐ·m!} and the
     * angular one is smooth between the angles where u or v vanishes, where a 40-point
     * Gauss–Legendre rule on each arc is exact to rounding.
     */
    static double homogeneousExpectation(DoubleUnaryOperator f, DoubleUnaryOperator g, int m, double q12, double q11,
            double q22) {
        double l11 = Math.sqrt(q11), l21 = q12 / l11, l22 = Math.sqrt(Math.max(q22 - l21 * l21, 0.0));
        double twoPi = 2 * Math.PI;
        double v0 = Math.atan2(-l21, l22);
        double[] cuts = {0, twoPi, Math.PI / 2, 3 * Math.PI / 2, mod(v0, twoPi), mod(v0 + Math.PI, twoPi)};
        Arrays.sort(cuts);
        GaussIntegratorFactory factory = new GaussIntegratorFactory();
        double sum = 0;
        for (int i = 0; i + 1 < cuts.length; i++) {
            if (cuts[i + 1] - cuts[i] < 1e-300) {
                continue;
            }
            GaussIntegrator rule = factory.legendre(40, cuts[i], cuts[i + 1]);
            sum += rule.integrate(a -> f.applyAsDouble(l11 * Math.cos(a))
                    * g.applyAsDouble(l21 * Math.cos(a) + l22 * Math.sin(a)));
        }
        double radial = Math.pow(2, m) * factorial(m);
        return radial * sum / twoPi;
    }

    private static double mod(double a, double m) {
        double r = a % m;
        return r < 0 ? r + m : r;
    }

    private static double factorial(int n) {
        double r = 1;
        for (int i = 2; i <= n; i++) {
            r *= i;
        }
        return r;
    }

    @ParameterizedTest(name = "degree {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void rectifiedMonomialEqualsExactPolarQuadrature(int n) {
        RectifiedMonomial layer = rectifiedMonomial(n);
        double worst = 0;
        for (double[] p : points(29, 40)) {
            double q12 = p[0], q11 = p[1], q22 = p[2];
            Entry e = entry(layer, q12, q11, q22);
            double nngp = homogeneousExpectation(layer::phi, layer::phi, n, q12, q11, q22);
            double kdot = n == 0 ? 0 : homogeneousExpectation(layer::derivative, layer::derivative, n - 1, q12, q11, q22);
            double[] scale = scales(layer, q11, q22);
            String at = layer + " at q12=" + q12 + ", q11=" + q11 + ", q22=" + q22;
            // Errors are judged against the diagonal scale (F is 0 at ρ = −1). At |ρ| = 1 the rounding
            // of P − q12² (about 1e-16·P) enters θ through a square root, θ moves by ~1e-8 and the
            // step kernel J0 (π − θ)/(2π) — the nngp of degree 0, the K̇ of degree 1 — by a few 1e-9
            // (neural-tangents does the same); the higher Jn are flat there.
            double near = Math.abs(q12) / Math.sqrt(q11 * q22) > 0.9999 ? 1e-8 : 1e-12;
            assertEquals(nngp, e.nngp, (n == 0 ? near : 1e-12) * scale[0], at + " nngp");
            assertEquals(kdot, e.kdot, (n == 1 ? near : 1e-12) * Math.max(scale[1], 1e-300), at + " kdot");
            worst = Math.max(worst, Math.abs(nngp - e.nngp) / scale[0]);
        }
        System.out.printf("polar quadrature %s: max error %.1e of the diagonal scale%n", layer, worst);
    }

    @Test
    void signEqualsExactPolarQuadratureAndHasZeroKdot() {
        Sign sign = sign();
        for (double[] p : points(31, 40)) {
            double q12 = p[0], q11 = p[1], q22 = p[2];
            Entry e = entry(sign, q12, q11, q22);
            double rho = q12 / Math.sqrt(q11 * q22);
            // At |ρ| = 1 the rounding of P − q12² (about 1e-16·P) enters θ through its square root:
            // θ ~ 1e-8, so F = 1 − 2θ/π is off by ~1e-8 there (as in neural-tangents); elsewhere 1e-12.
            double tol = Math.abs(rho) > 0.9999 ? 3e-8 : 1e-12;
            assertEquals(homogeneousExpectation(Math::signum, Math::signum, 0, q12, q11, q22), e.nngp, tol,
                    "Sign at rho " + rho);
            assertEquals(0.0, e.kdot);
        }
        assertEquals(0.0, sign.derivative(0.7));
        assertEquals(0.0, sign.derivative(-0.7));
        assertEquals(0.0, sign.phi(0.0));
    }

    @Test
    void signIdentities() {
        Sign sign = sign();
        for (double q : new double[] {1e-6, 0.3, 1.0, 7.5}) {
            assertEquals(1.0, entry(sign, q, q, q).nngp, 0.0, "rho = 1");
            assertEquals(-1.0, entry(sign, -q, q, q).nngp, 0.0, "rho = -1");
            assertEquals(0.0, entry(sign, 0.0, q, 2 * q).nngp, 1e-16, "rho = 0");
            assertEquals(0.0, entry(sign, -0.0, q, 2 * q).nngp, 1e-16, "rho = -0");
        }
        // A zero input: θ = π/2 (neural-tangents' fill_zero), F = 0 = E[sign(0)²].
        assertEquals(0.0, entry(sign, 0.0, 0.0, 0.0).nngp, 1e-16);
        assertEquals(0.0, entry(sign, -0.0, 0.0, 1.0).nngp, 1e-16);
        // sign = 2·step − 1: E[sign·sign] = 4·E[step·step] − 1, step = RectifiedMonomial(0).
        RectifiedMonomial step = rectifiedMonomial(0);
        for (double[] p : points(37, 200)) {
            double expected = 4 * entry(step, p[0], p[1], p[2]).nngp - 1;
            assertEquals(expected, entry(sign, p[0], p[1], p[2]).nngp, 1e-15);
        }
    }

    @Test
    void rectifiedMonomialOfDegreeOneIsRelu() {
        RectifiedMonomial one = rectifiedMonomial(1);
        ABRelu relu = relu();
        SplittableRandom r = new SplittableRandom(41);
        for (double[] p : points(41, 2000)) {
            double scale = Math.exp(8 * r.nextDouble() - 4);
            double q12 = scale * p[0], q11 = scale * p[1], q22 = p[2];
            Entry a = entry(one, q12, q11, q22), b = entry(relu, q12, q11, q22);
            assertEquals(b.nngp, a.nngp, 1e-15 * Math.abs(b.nngp), "nngp at " + q12 + ", " + q11 + ", " + q22);
            assertEquals(b.kdot, a.kdot, 1e-15 * Math.abs(b.kdot), "kdot at " + q12 + ", " + q11 + ", " + q22);
        }
        for (double u : new double[] {-2.5, -1e-9, 0.0, 1e-9, 3.25}) {
            assertEquals(relu.phi(u), one.phi(u), 0.0);
            assertEquals(relu.derivative(u), one.derivative(u), 0.0);
        }
        // The whole network too, in both precisions.
        var x = Seeded.gaussian(5, 3, 4);
        Layer a = serial(dense(8, 1.4, 0.1), one, dense(8, 1.2, 0.2), one, dense(1));
        Layer b = serial(dense(8, 1.4, 0.1), relu, dense(8, 1.2, 0.2), relu, dense(1));
        assertClose(b.kernel(x).ntk(), a.kernel(x).ntk(), 1e-15, "RectifiedMonomial(1) network");
        assertClose(b.withPrecision(Precision.FLOAT32).kernel(x).ntk(), a.withPrecision(Precision.FLOAT32).kernel(x).ntk(),
                1e-6, "RectifiedMonomial(1) network, float32 (ReLU has its own float32 row kernel)");
    }

    @Test
    void rectifiedMonomialIdentities() {
        double pi = Math.PI;
        for (double q : new double[] {0.2, 1.0, 3.7}) {
            // The diagonal, neural-tangents' nngp_fn_diag: (2n − 1)!!·qⁿ/2.
            double[] doubleFactorial = {1, 1, 3, 15};
            for (int n = 0; n <= 3; n++) {
                Entry e = entry(rectifiedMonomial(n), q, q, q);
                assertEquals(doubleFactorial[n] * Math.pow(q, n) / 2, e.nngp, 1e-15 * e.nngp, "degree " + n + " at ρ = 1");
                if (n > 0) {
                    assertEquals(0.0, entry(rectifiedMonomial(n), -q, q, q).nngp, 1e-16 * Math.pow(q, n), "degree " + n + " at ρ = -1");
                }
            }
            // RectifiedMonomial(0) is the step kernel (π − θ)/(2π): 1/2, 0, 1/4 at ρ = 1, −1, 0.
            assertEquals(0.5, entry(rectifiedMonomial(0), q, q, q).nngp, 0.0);
            assertEquals(0.0, entry(rectifiedMonomial(0), -q, q, q).nngp, 0.0);
            assertEquals(0.25, entry(rectifiedMonomial(0), 0.0, q, 2 * q).nngp, 1e-16);
            assertEquals(0.0, entry(rectifiedMonomial(0), 0.3 * q, q, q).kdot, 0.0);
            // ρ = 0: θ = π/2, Jn(π/2) = 1, π/2, 2, 3π/2 ... F = P^{n/2}·Jn(π/2)/(2π).
            double p = q * 2 * q;
            assertEquals(Math.sqrt(p) / (2 * pi), entry(rectifiedMonomial(1), 0.0, q, 2 * q).nngp, 1e-16);
            assertEquals(p * (pi / 2) / (2 * pi), entry(rectifiedMonomial(2), 0.0, q, 2 * q).nngp, 1e-15 * p);
            assertEquals(Math.pow(p, 1.5) * 4 / (2 * pi), entry(rectifiedMonomial(3), 0.0, q, 2 * q).nngp,
                    1e-15 * Math.pow(p, 1.5));
        }
    }

    /**
     * Gauss–Hermite quadrature is not exact for kinked φ: the inner 1-D rule integrates a function
     * whose n-th derivative jumps (n = 0: the function itself) at a point that falls between nodes,
     * so its error decays only algebraically with the degree (for Sign about 0.11, 0.067, 0.046 at
     * degrees 60, 120, 200). At degree 200 the measured worst errors over these 40 points, relative
     * to the diagonal scale, are 2.9e-2 (Sign), 1.4e-2 (degree 0), 6.9e-4, 8.1e-6, 7.8e-7 (degrees 1
     * to 3); the tolerances are twice those. This only guards against gross errors (a θ ↔ π − θ
     * swap is O(1)); the exact polar quadrature above is the tight check.
     */
    @ParameterizedTest(name = "degree {0}")
    @ValueSource(ints = {-1, 0, 1, 2, 3})
    void kinkedLayersAgreeWithHighDegreeGaussHermiteLoosely(int n) {
        Elementwise layer = n < 0 ? sign() : rectifiedMonomial(n);
        double[] tolerance = {6e-2, 3e-2, 1.4e-3, 1.6e-5, 1.6e-6};
        double worst = 0;
        for (double[] p : points(43, 40)) {
            double q12 = p[0], q11 = p[1], q22 = p[2];
            Entry e = entry(layer, q12, q11, q22);
            double nngp = expectation(layer::phi, layer::phi, q12, q11, q22, 200);
            double err = Math.abs(nngp - e.nngp) / scales(layer, q11, q22)[0];
            assertTrue(err <= tolerance[n + 1], layer + " at " + Arrays.toString(p) + ": " + e.nngp + " vs " + nngp);
            worst = Math.max(worst, err);
        }
        System.out.printf("Gauss-Hermite(200) %s: max error %.1e of the diagonal scale%n", layer, worst);
    }

    // ---- the shared fixtures ----

    static List<String> fixtures() {
        return List.of("zoo_fcn_sin_cos_rbf", "zoo_fcn_exp_gaussian_monomial", "zoo_fcn_rectified_monomial_sign",
                "zoo_conv1d_rectmono_flatten");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void zooFixturesAgreeInFloat64AndFloat32(String name) {
        Fixtures f = Fixtures.load(TestFixtures.sharedDir().resolve("zoo").resolve(name + ".json"));
        Kernel k = f.x2() == null ? f.network().kernel(f.x1()) : f.network().kernel(f.x1(), f.x2());
        KernelFunction net32 = f.network().withPrecision(Precision.FLOAT32);
        Kernel k32 = f.x2() == null ? net32.kernel(f.x1()) : net32.kernel(f.x1(), f.x2());
        System.out.printf("zoo fixture %-34s float64 nngp %.1e ntk %.1e  float32 nngp %.1e ntk %.1e%n", name,
                KernelAsserts.relativeError(f.nngp(), k.nngp()), KernelAsserts.relativeError(f.ntk(), k.ntk()),
                KernelAsserts.relativeError(f.nngp(), k32.nngp()), KernelAsserts.relativeError(f.ntk(), k32.ntk()));
        assertClose(f.nngp(), k.nngp(), 1e-10, name + " nngp");
        assertClose(f.ntk(), k.ntk(), 1e-10, name + " ntk");
        assertClose(f.nngp(), k32.nngp(), 1e-5, name + " nngp float32");
        assertClose(f.ntk(), k32.ntk(), 1e-5, name + " ntk float32");
    }

    @Test
    void theConvFixtureUsesRectifiedMonomialOfDegreeOne() throws IOException {
        Path file = TestFixtures.sharedDir().resolve("zoo").resolve("zoo_conv1d_rectmono_flatten.json");
        JsonNode layers = new ObjectMapper().readTree(file.toFile()).get("spec").get("layers");
        long ones = 0;
        for (JsonNode l : layers) {
            if (l.get("type").asText().equals("RectifiedMonomial")) {
                assertEquals(1, l.get("degree").asInt());
                ones++;
            }
        }
        assertEquals(1, ones);
        assertTrue(Fixtures.load(file).network().toString().contains("RectifiedMonomial(degree=1)"));
    }

    // ---- specs and bad input ----

    @Test
    void specsUseNeuralTangentsNamesKeysAndDefaults() {
        String[][] cases = {
            {"{\"type\": \"Sin\"}", "Sin(a=1.0, b=1.0, c=0.0)"},
            {"{\"type\": \"Sin\", \"a\": 2, \"b\": 0.5, \"c\": -1}", "Sin(a=2.0, b=0.5, c=-1.0)"},
            {"{\"type\": \"Cos\"}", "Cos(a=1.0, b=1.0, c=0.0)"},
            {"{\"type\": \"Cos\", \"a\": 0.9, \"b\": 1.1, \"c\": -0.2}", "Cos(a=0.9, b=1.1, c=-0.2)"},
            {"{\"type\": \"Rbf\"}", "Rbf(gamma=1.0)"},
            {"{\"type\": \"Rbf\", \"gamma\": 0.5}", "Rbf(gamma=0.5)"},
            {"{\"type\": \"Exp\"}", "Exp(a=1.0, b=1.0)"},
            {"{\"type\": \"Exp\", \"a\": 0.8, \"b\": 0.2}", "Exp(a=0.8, b=0.2)"},
            {"{\"type\": \"Gaussian\"}", "Gaussian(a=1.0, b=-1.0)"},
            {"{\"type\": \"Gaussian\", \"a\": 1.1, \"b\": -0.6}", "Gaussian(a=1.1, b=-0.6)"},
            {"{\"type\": \"Sign\"}", "Sign()"},
            {"{\"type\": \"Monomial\", \"degree\": 5}", "Monomial(degree=5)"},
            {"{\"type\": \"RectifiedMonomial\", \"degree\": 0}", "RectifiedMonomial(degree=0)"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], NetworkSpec.parse(c[0]).toString(), c[0]);
        }
        assertEquals(sin(1.2, 0.7, 0.3).toString(), NetworkSpec.parse("{\"type\": \"Sin\", \"a\": 1.2, \"b\": 0.7, \"c\": 0.3}")
                .toString());
        assertEquals("Sin", sin().name());
        assertEquals("Cos", cos().name());
        assertEquals("RectifiedMonomial", rectifiedMonomial(2).name());
    }

    @Test
    void cosIsSinShiftedByHalfPi() {
        Cos cos = cos(0.9, 1.1, -0.2);
        Sin sin = sin(0.9, 1.1, -0.2 + Math.PI / 2);
        for (double[] p : points(47, 50)) {
            Entry a = entry(cos, p[0], p[1], p[2]), b = entry(sin, p[0], p[1], p[2]);
            assertEquals(b.nngp, a.nngp, 0.0);
            assertEquals(b.kdot, a.kdot, 0.0);
        }
        for (double u : new double[] {-3, -0.4, 0, 0.9, 2.2}) {
            assertEquals(sin.phi(u), cos.phi(u), 1e-15);
            assertEquals(sin.derivative(u), cos.derivative(u), 1e-15);
        }
    }

    @Test
    void rbfIsSinWithItsDualActivationParameters() {
        double gamma = 0.7;
        Rbf rbf = rbf(gamma);
        Sin dual = sin(Math.sqrt(2), Math.sqrt(2 * gamma), Math.PI / 4);
        for (double[] p : points(53, 50)) {
            Entry a = entry(rbf, p[0], p[1], p[2]), b = entry(dual, p[0], p[1], p[2]);
            // cos(2·π/4) is 6e-17 in floating point, not 0: Sin carries that tiny term.
            assertEquals(b.nngp, a.nngp, 1e-15 * (1 + a.nngp));
            assertEquals(b.kdot, a.kdot, 1e-15 * (1 + a.kdot));
            assertEquals(Math.exp(-gamma * (p[1] + p[2] - 2 * p[0])), a.nngp, 1e-15 * a.nngp);
        }
        for (double u : new double[] {-3, 0, 1.3}) {
            assertEquals(dual.phi(u), rbf.phi(u), 1e-15);
            assertEquals(dual.derivative(u), rbf.derivative(u), 1e-15);
        }
    }

    private static void assertOneLine(Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void badDegreesAreRefusedNamingTheLayer() {
        assertOneLine(() -> monomial(6), "Monomial: degree must be 0..5, got 6");
        assertOneLine(() -> monomial(-1), "Monomial: degree must be 0..5, got -1");
        assertOneLine(() -> rectifiedMonomial(4), "RectifiedMonomial: degree must be 0..3, got 4");
        assertOneLine(() -> rectifiedMonomial(-1), "RectifiedMonomial: degree must be 0..3, got -1");
        String dense = "{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}, ";
        assertOneLine(() -> NetworkSpec.parse(dense + "{\"type\": \"Monomial\", \"degree\": 6}]}"),
                "layers[1] (Monomial): Monomial: degree must be 0..5, got 6");
        assertOneLine(() -> NetworkSpec.parse(dense + "{\"type\": \"Monomial\", \"degree\": -1}]}"),
                "layers[1] (Monomial): Monomial: degree must be 0..5, got -1");
        assertOneLine(() -> NetworkSpec.parse(dense + "{\"type\": \"RectifiedMonomial\", \"degree\": 4}]}"),
                "layers[1] (RectifiedMonomial): RectifiedMonomial: degree must be 0..3, got 4");
        assertOneLine(() -> NetworkSpec.parse(dense + "{\"type\": \"Monomial\"}]}"),
                "layers[1] (Monomial): missing key 'degree'");
        assertOneLine(() -> NetworkSpec.parse(dense + "{\"type\": \"Monomial\", \"degree\": 2.5}]}"),
                "layers[1] (Monomial): key 'degree' must be an integer (at most 2147483647 in magnitude), got 2.5");
        assertOneLine(() -> NetworkSpec.parse(dense + "{\"type\": \"Sign\", \"a\": 1}]}"),
                "layers[1] (Sign): unknown key 'a'; allowed keys: []");
        assertOneLine(() -> NetworkSpec.parse(dense + "{\"type\": \"Rbf\", \"gamma\": -1}]}"),
                "layers[1] (Rbf): Rbf: gamma must be finite and ≥ 0, got -1.0");
        assertOneLine(() -> sin(Double.NaN, 1, 0), "Sin: a, b, c must be finite, got a=NaN, b=1.0, c=0.0");
        assertOneLine(() -> cos(1, Double.POSITIVE_INFINITY, 0), "Cos: a, b, c must be finite, got a=1.0, b=Infinity, c=0.0");
        assertOneLine(() -> exp(1, Double.NaN), "Exp: a, b must be finite, got a=1.0, b=NaN");
        assertOneLine(() -> gaussian(Double.NaN, -1), "Gaussian: a, b must be finite, got a=NaN, b=-1.0");
    }

    @Test
    void aNonlinearityAfterFlattenIsRefused() {
        Layer net = serial(conv(1, 3), flatten(), exp(), dense(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.kernel(Seeded.gaussian(1, 2, 5, 2)));
        assertTrue(e.getMessage().contains("must be Gaussian"), e.getMessage());
    }
}

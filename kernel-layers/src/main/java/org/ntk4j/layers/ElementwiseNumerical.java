package org.ntk4j.layers;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.analysis.integration.gauss.SymmetricGaussIntegrator;
import org.ntk4j.layers.spec.LayerType;

/**
 * Any nonlinearity φ by Gauss–Hermite quadrature, as neural-tangents' {@code ElementwiseNumerical}
 * (Han et al., "Fast Neural Kernel Embeddings for General Activations").
 *
 * <p>With the nodes and weights (t_i, w_i) of the {@code deg}-point Gauss–Hermite rule for the
 * weight {@code e^{−t²}} (scipy's {@code roots_hermite(deg)}; here Commons Math's rule, whose nodes
 * and weights agree with high-precision values to about 1e-14 for deg ≤ 150):
 * <pre>
 *   u_i  = sqrt(2·q11)·t_i,
 *   v_ij = q12 / sqrt(max(q11/2, 1e-30))·t_i + sqrt(max(2·(q22 − q12²/q11), 0))·t_j,
 *   nngp' = (1/π)·Σ_ij w_i w_j φ(u_i)  φ(v_ij),
 *   K̇    = (1/π)·Σ_ij w_i w_j φ'(u_i) φ'(v_ij).
 * </pre>
 * This is neural-tangents' scheme term for term, including its asymmetry in (q11, q22): the
 * quadrature error differs between F(q12, q11, q22) and F(q12, q22, q11), so neural-tangents'
 * K(X, X) is not symmetric (7e-4 relative for tanh at deg 25). The layer says so
 * ({@link #exchangeSymmetric()} is false), and Gram builds of X with itself then evaluate every
 * ordered pair, so K(X, X) and K(X1, X2) have every entry as neural-tangents. At {@code q11 = 0} (where neural-tangents computes 0/0) the residual variance is taken as
 * q22, the limit of the formula. The cost is {@code 2·deg²} evaluations of φ and φ' per entry.
 *
 * <p>The quadrature converges fast for smooth φ ({@code deg = 25} gives about 1e-9 for tanh at
 * unit variances) but slowly for kinks (ReLU, Abs, Sign: the error falls only like a power of deg);
 * use the closed-form layers for those. It also slows as the variances grow: erf at deg 80 is
 * exact to 1e-14 for q ≤ 1 but only to 1e-8 at q = 2 and 2e-7 at q = 2.5, because φ'(sqrt(2q)·t)
 * narrows against the fixed nodes.
 *
 * <p>JSON: {@code {"type": "ElementwiseNumerical", "fn": "tanh", "deg": 25}}, where {@code fn}
 * names a built-in function ({@link #BUILT_IN}): {@code tanh}, {@code softplus}
 * ({@code log(1 + e^x)}), {@code swish} ({@code x·σ(x)}) or {@code sigmoid} ({@code σ(x) = 1/(1 +
 * e^{−x})}), each with its exact derivative. From Java any φ (and optionally φ') with
 * {@link Layers#elementwiseNumerical}.
 */
public final class ElementwiseNumerical extends Elementwise {
    /** φ and φ' of a built-in function. */
    private record Fn(DoubleUnaryOperator phi, DoubleUnaryOperator derivative) {
    }

    /** The functions JSON specs may name, with their exact derivatives. */
    static final Map<String, Fn> BUILT_IN;

    static {
        Map<String, Fn> m = new TreeMap<>();
        m.put("tanh", new Fn(Math::tanh, x -> {
            double t = Math.tanh(x);
            return 1 - t * t;
        }));
        m.put("sigmoid", new Fn(ElementwiseNumerical::sigmoid, x -> {
            double s = sigmoid(x);
            return s * (1 - s);
        }));
        m.put("softplus", new Fn(ElementwiseNumerical::softplus, ElementwiseNumerical::sigmoid));
        m.put("swish", new Fn(x -> x * sigmoid(x), x -> {
            double s = sigmoid(x);
            return s + x * s * (1 - s);
        }));
        BUILT_IN = java.util.Collections.unmodifiableMap(m);
    }

    /** JSON spec type {@code ElementwiseNumerical}: fn (a built-in name) and deg (≥ 1), both required. */
    static final List<LayerType> SPEC = List.of(new LayerType("ElementwiseNumerical", Set.of("fn", "deg"), f -> {
        String fn = f.string("fn", null);
        if (fn == null) {
            throw new IllegalArgumentException(f.where() + ": missing key 'fn' (one of " + BUILT_IN.keySet() + ")");
        }
        if (!f.has("deg")) {
            throw new IllegalArgumentException(f.where() + ": missing key 'deg' (quadrature degree, e.g. 25)");
        }
        return builtIn(fn, f.requiredInt("deg"));
    }));

    /** {@code 1/(1 + e^{−x})}, without overflow for either sign. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** {@code log(1 + e^x) = max(x, 0) + log1p(e^{−|x|})}, without overflow or cancellation. */
    static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private final String fn;
    private final DoubleUnaryOperator phi;
    private final DoubleUnaryOperator derivative;
    private final boolean numericalDerivative;
    private final int deg;
    private final double[] nodes;
    private final double[] weights;

    /** {@code derivative} null: φ' by {@link NumericalDerivative#derivative}. */
    ElementwiseNumerical(String fn, DoubleUnaryOperator phi, DoubleUnaryOperator derivative, int deg) {
        if (fn == null || fn.isBlank()) {
            throw new IllegalArgumentException("ElementwiseNumerical: the function needs a non-blank name (it is the "
                    + "layer's checkpoint fingerprint), got " + (fn == null ? "null" : "'" + fn + "'"));
        }
        if (phi == null) {
            throw new IllegalArgumentException("ElementwiseNumerical(fn=" + fn + "): phi must not be null");
        }
        if (deg < 1) {
            throw new IllegalArgumentException("ElementwiseNumerical(fn=" + fn + "): deg must be at least 1, got " + deg);
        }
        this.fn = fn;
        this.phi = phi;
        this.numericalDerivative = derivative == null;
        this.derivative = derivative != null ? derivative : x -> NumericalDerivative.derivative(phi, x);
        this.deg = deg;
        SymmetricGaussIntegrator rule = new GaussIntegratorFactory().hermite(deg);
        this.nodes = new double[deg];
        this.weights = new double[deg];
        for (int i = 0; i < deg; i++) {
            nodes[i] = rule.getPoint(i);
            weights[i] = rule.getWeight(i);
        }
    }

    /** The built-in function {@code fn} (see {@link #BUILT_IN}) with its exact derivative. */
    static ElementwiseNumerical builtIn(String fn, int deg) {
        Fn f = BUILT_IN.get(fn);
        if (f == null) {
            throw new IllegalArgumentException("ElementwiseNumerical: unknown fn '" + fn + "'; known functions: "
                    + String.join(", ", BUILT_IN.keySet()));
        }
        return new ElementwiseNumerical(fn, f.phi(), f.derivative(), deg);
    }

    /** The function's name. */
    public String fn() {
        return fn;
    }

    /** The number of quadrature nodes per dimension. */
    public int deg() {
        return deg;
    }

    @Override
    public String name() {
        return "ElementwiseNumerical";
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
        final double scaleU = Math.sqrt(Math.max(2 * q11, 0.0));
        final double slope = q12 / Math.sqrt(Math.max(q11 / 2, 1e-30));
        final double residual = q11 > 0 ? q22 - q12 * q12 / q11 : q22;
        final double scaleV = Math.sqrt(Math.max(2 * residual, 0.0));
        final double[] t = nodes, w = weights;
        double nngp = 0, kdot = 0;
        for (int i = 0; i < deg; i++) {
            final double shift = slope * t[i];
            double sumPhi = 0, sumDerivative = 0;
            for (int j = 0; j < deg; j++) {
                final double v = shift + scaleV * t[j];
                sumPhi += w[j] * phi.applyAsDouble(v);
                sumDerivative += w[j] * derivative.applyAsDouble(v);
            }
            final double u = scaleU * t[i];
            nngp += w[i] * phi.applyAsDouble(u) * sumPhi;
            kdot += w[i] * derivative.applyAsDouble(u) * sumDerivative;
        }
        out.nngp = nngp / Math.PI;
        out.kdot = kdot / Math.PI;
    }

    /** {@code ElementwiseNumerical(fn=tanh, deg=25)}; {@code , derivative=numerical} when φ' was not given. */
    /** False: the quadrature treats its two inputs differently (see the class comment). */
    @Override
    public boolean exchangeSymmetric() {
        return false;
    }

    @Override
    public String toString() {
        return "ElementwiseNumerical(fn=" + fn + ", deg=" + deg + (numericalDerivative ? ", derivative=numerical" : "")
                + ")";
    }
}

package org.ntk4j.layers;

import java.util.List;
import java.util.Set;
import org.ntk4j.layers.spec.LayerType;

/**
 * {@code φ(u) = a·exp(b·u²)} (neural-tangents' {@code Gaussian}; defaults a = 1, b = −1).
 *
 * <p>Kernel ({@code E[exp(b(u² + v²))] = det(I − 2bΣ)^{−1/2}}), with
 * {@code D = sqrt(max((1 − 2b·q11)(1 − 2b·q22) − 4b²·q12², 0))}:
 * <pre>
 *   nngp' = a²/D,
 *   K̇    = 4a²b²·q12/D³.
 * </pre>
 * For b &gt; 0 the expectation is infinite once {@code 2b·q ≥ 1} (D = 0 gives +∞, as neural-tangents).
 */
public final class Gaussian extends Elementwise {
    /** JSON spec type {@code Gaussian}: a, b (defaults 1, −1). */
    static final List<LayerType> SPEC = List.of(new LayerType("Gaussian", Set.of("a", "b"),
            f -> new Gaussian(f.number("a", 1.0), f.number("b", -1.0))));

    private final double a;
    private final double b;
    private final double aSquared;
    private final double fourBSquared;

    Gaussian(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("Gaussian: a, b must be finite, got a=" + a + ", b=" + b);
        }
        this.a = a;
        this.b = b;
        this.aSquared = a * a;
        this.fourBSquared = 4 * b * b;
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    @Override
    public String name() {
        return "Gaussian";
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        double d = Math.sqrt(Math.max((1 - 2 * b * q11) * (1 - 2 * b * q22) - fourBSquared * q12 * q12, 0.0));
        out.nngp = aSquared / d;
        out.kdot = aSquared * fourBSquared * q12 / (d * d * d);
    }

    /** {@code a·exp(b·u²)}. */
    @Override
    public double phi(double u) {
        return a * Math.exp(b * u * u);
    }

    /** {@code 2a·b·u·exp(b·u²)}. */
    @Override
    public double derivative(double u) {
        return 2 * a * b * u * Math.exp(b * u * u);
    }

    @Override
    public String toString() {
        return "Gaussian(a=" + a + ", b=" + b + ")";
    }
}

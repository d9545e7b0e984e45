package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.layers.spec.LayerType;

/**
 * The Gabor function {@code φ(u) = exp(−u²)·sin(u)} (neural-tangents' {@code Gabor}, no arguments).
 *
 * <p>Kernel (neural-tangents' closed form): with {@code P = q11·q22}, {@code S = q11 + q22},
 * <pre>
 *   D = 4(P − q12²),  d = 2S + D + 1,  n = S + D + 2q12,
 *   L = exp(−n/(2d)),  R = exp(2q12/d),
 *   nngp' = L·(R − 1) / (2·sqrt(d)),
 *   K̇    = L·(A − B + R·(A + B)) / (2·d^{5/2}),
 *          A = 1 + 2S + 4(q12² + P),  B = 4q12·(D + 3S + 2).
 * </pre>
 */
public final class Gabor extends Elementwise {
    /** JSON spec type {@code Gabor} (no keys). */
    static final List<LayerType> SPEC = List.of(LayerType.of("Gabor", Gabor::new));

    Gabor() {
    }

    @Override
    public String name() {
        return "Gabor";
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        double prod = q11 * q22;
        double sum = q11 + q22;
        double diff = 4 * (prod - q12 * q12);
        double denom = 2 * sum + diff + 1;
        double num = sum + diff + 2 * q12;
        double expLeft = Math.exp(-num / (2 * denom));
        double expRight = Math.exp(2 * q12 / denom);
        double shared = 1 + 2 * sum + 4 * (q12 * q12 + prod);
        double diffTerm = 4 * q12 * (diff + 3 * sum + 2);
        out.kdot = expLeft * ((shared - diffTerm) + expRight * (shared + diffTerm)) / Math.pow(denom, 2.5) / 2;
        out.nngp = expLeft * (expRight - 1) / (2 * Math.sqrt(Math.max(denom, 0.0)));
    }

    /** {@code exp(−u²)·sin(u)}. */
    @Override
    public double phi(double u) {
        return Math.exp(-u * u) * Math.sin(u);
    }

    /** {@code exp(−u²)·(cos u − 2u·sin u)}. */
    @Override
    public double derivative(double u) {
        return Math.exp(-u * u) * (Math.cos(u) - 2 * u * Math.sin(u));
    }

    @Override
    public String toString() {
        return "Gabor()";
    }
}

package org.ntk4j.core;

/**
 * The arc-sine kernel of {@code φ(u) = a·erf(b·u) + c}, entry by entry, in double precision (a
 * float32 state rounds the results once, see {@link ElementwiseRows}): with {@code x = b²q12} and
 * {@code Π = (1+2b²q11)(1+2b²q22)}, {@code root = sqrt(max(Π − 4x², 0))},
 * {@code nngp' = a²(2/π)·atan2(2x, root) + c²} (= asin(2x/√Π), stable near ±1) and
 * {@code K̇ = a²b²(4/π)/root}. For variances whose Π would overflow the root is computed as
 * {@code λ·sqrt((1 − t)(1 + t))}, {@code λ = √(1+2b²q11)·√(1+2b²q22)}, {@code t = 2x/λ}.
 */
public final class ErfKernel implements ElementwiseKernel {
    private final double b2;
    private final double c2;
    private final double nngpFactor;
    private final double dotFactor;

    public ErfKernel(double a, double b, double c) {
        final double a2 = a * a;
        this.b2 = b * b;
        this.c2 = c * c;
        this.nngpFactor = a2 * 2 / Math.PI;
        this.dotFactor = a2 * b2 * 4 / Math.PI;
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        double x = b2 * q12;
        double prod = (1 + 2 * b2 * q11) * (1 + 2 * b2 * q22);
        double root;
        if (prod <= AbReluRows.MAX_PRODUCT) {
            root = Math.sqrt(Math.max(prod - 4 * x * x, 0.0));
        } else {
            double lambda = Math.sqrt(1 + 2 * b2 * q11) * Math.sqrt(1 + 2 * b2 * q22);
            double t = 2 * x / lambda;
            root = lambda * Math.sqrt(Math.max((1 - t) * (1 + t), 0.0));
        }
        out.nngp = nngpFactor * Math.atan2(2 * x, root) + c2;
        out.kdot = dotFactor / root;
    }
}

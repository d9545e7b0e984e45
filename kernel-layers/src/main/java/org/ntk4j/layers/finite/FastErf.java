package org.ntk4j.layers.finite;

/**
 * erf(x) by a table of Taylor expansions: on a grid {@code x₀ = i/64}, {@code 0 ≤ x₀ ≤ 6}, the
 * value erf(x₀) (Commons Math, once at class load) and the coefficients of
 * {@code erf(x₀ + h) − erf(x₀) = (2/√π)·e^{−x₀²}·Σ_k (−1)^k H_k(x₀)·h^{k+1}/(k+1)!} (physicists'
 * Hermite polynomials, the derivatives of {@code e^{−x²}}) up to k = 10, so {@code |h| ≤ 1/128}
 * leaves a truncation below 1e-17; beyond 6, {@code erf = ±1} in double precision. Within 2e-15
 * of Commons Math (measured: 1.1e-15 at worst) for a table lookup and 11 fused steps, against
 * Commons Math's ~230 ns (a regularised gamma function) that dominated a finite network's step.
 */
public final class FastErf {
    private static final int PER_UNIT = 64;
    private static final double LIMIT = 6.0;
    private static final int TERMS = 11;
    private static final int POINTS = (int) (LIMIT * PER_UNIT) + 1;
    /** Per grid point: erf(x₀), then the TERMS coefficients of h¹…h^TERMS. */
    private static final double[] TABLE = new double[POINTS * (TERMS + 1)];

    static {
        double twoOverSqrtPi = 2.0 / Math.sqrt(Math.PI);
        double[] hermite = new double[TERMS];
        for (int i = 0; i < POINTS; i++) {
            double x0 = (double) i / PER_UNIT;
            int base = i * (TERMS + 1);
            TABLE[base] = org.apache.commons.math3.special.Erf.erf(x0);
            hermite[0] = 1;
            if (TERMS > 1) {
                hermite[1] = 2 * x0;
            }
            for (int k = 2; k < TERMS; k++) {
                hermite[k] = 2 * x0 * hermite[k - 1] - 2 * (k - 1) * hermite[k - 2];
            }
            double g = twoOverSqrtPi * Math.exp(-x0 * x0);
            double factorial = 1;
            for (int k = 0; k < TERMS; k++) {
                factorial *= k + 1;
                TABLE[base + 1 + k] = ((k & 1) == 0 ? 1 : -1) * g * hermite[k] / factorial;
            }
        }
    }

    private FastErf() {
    }

    public static double erf(double x) {
        double ax = Math.abs(x);
        if (!(ax < LIMIT)) {
            return Double.isNaN(x) ? Double.NaN : Math.copySign(1.0, x);
        }
        int i = (int) (ax * PER_UNIT + 0.5);
        double h = ax - (double) i / PER_UNIT;
        int base = i * (TERMS + 1);
        double p = TABLE[base + TERMS];
        for (int k = TERMS - 1; k >= 1; k--) {
            p = Math.fma(p, h, TABLE[base + k]);
        }
        double v = Math.fma(p, h, TABLE[base]);
        return x < 0 ? -v : v;
    }
}

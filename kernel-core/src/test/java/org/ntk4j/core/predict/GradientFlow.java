package org.ntk4j.core.predict;

/**
 * Explicit RK4 integration of the linearised network under gradient flow on the MSE loss, on the
 * joint set of N training and M test points: {@code df/dt = −c·G_{·,d}(f_d − Y)} with
 * {@code c = η/n}, the reference that {@link Predictor}'s closed forms are checked against.
 * Because the flow is affine in the initial outputs, {@code f_t = P_t f_0 + μ_t}; the mean is the
 * flow from {@code f_0 = 0}, and the covariance is {@code P_t K P_tᵀ} for a prior K on f_0.
 */
final class GradientFlow {
    private static final int STEPS = 4000;
    private final double[][] gram;
    private final int n;
    private final double rate;

    GradientFlow(double[][] jointGram, int n, double rate) {
        this.gram = jointGram;
        this.n = n;
        this.rate = rate;
    }

    /** μ_t on all N + M points: the flow from f_0 = 0 towards labels {@code y} (N, k). */
    double[][] mean(double[][] y, double t) {
        return integrate(new double[gram.length][y[0].length], y, t);
    }

    /** Σ_t = P_t K P_tᵀ on all points, P_t the flow of the homogeneous system (Y = 0) from I. */
    double[][] covariance(double[][] prior, double t) {
        int size = gram.length;
        double[][] identity = new double[size][size];
        for (int i = 0; i < size; i++) {
            identity[i][i] = 1;
        }
        double[][] p = integrate(identity, new double[n][size], t);
        return multiply(multiply(p, prior), transpose(p));
    }

    private double[][] integrate(double[][] f0, double[][] y, double t) {
        double h = t / STEPS;
        double[][] f = f0;
        for (int s = 0; s < STEPS; s++) {
            double[][] k1 = derivative(f, y);
            double[][] k2 = derivative(axpy(f, h / 2, k1), y);
            double[][] k3 = derivative(axpy(f, h / 2, k2), y);
            double[][] k4 = derivative(axpy(f, h, k3), y);
            for (int i = 0; i < f.length; i++) {
                for (int j = 0; j < f[i].length; j++) {
                    f[i][j] += h / 6 * (k1[i][j] + 2 * k2[i][j] + 2 * k3[i][j] + k4[i][j]);
                }
            }
        }
        return f;
    }

    /** −c · G[:, :N] · (f[:N] − y). */
    private double[][] derivative(double[][] f, double[][] y) {
        int cols = f[0].length;
        double[][] out = new double[f.length][cols];
        for (int i = 0; i < f.length; i++) {
            for (int d = 0; d < n; d++) {
                double g = -rate * gram[i][d];
                for (int j = 0; j < cols; j++) {
                    out[i][j] += g * (f[d][j] - y[d][j]);
                }
            }
        }
        return out;
    }

    private static double[][] axpy(double[][] x, double a, double[][] d) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] += a * d[i][j];
            }
        }
        return out;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int l = 0; l < b.length; l++) {
                for (int j = 0; j < b[0].length; j++) {
                    out[i][j] += a[i][l] * b[l][j];
                }
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }
}

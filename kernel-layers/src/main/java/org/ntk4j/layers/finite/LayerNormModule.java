package org.ntk4j.layers.finite;

import org.ntk4j.core.InputShape;

/**
 * LayerNorm at finite width, as neural-tangents' apply function: at every example and every group
 * of positions (those sharing their coordinates on the spatial axes not normalised; one position
 * per group when only the channel axis is), {@code y = (x − μ)/σ} with {@code μ} the mean over the
 * group's positions and channels, {@code σ = sqrt(eps + var)} and {@code var} the variance over the
 * same (divided by their number m). Backward, with {@code x̂ = y} and {@code δ} the output
 * cotangent: {@code δx = (δ − mean δ − x̂·mean(δ·x̂)) / σ}, the means over the group. No parameters.
 */
final class LayerNormModule extends SingleModule {
    private final double eps;
    /** Group of each position. */
    private final int[] group;
    private final int groups;

    LayerNormModule(InputShape shape, boolean[] spatialAxes, double eps) {
        super(shape, shape);
        this.eps = eps;
        int[] dims = shape.spatial();
        int p = shape.positions();
        this.group = new int[p];
        int count = 1;
        for (int a = 0; a < dims.length; a++) {
            count *= spatialAxes[a] ? 1 : dims[a];
        }
        this.groups = count;
        for (int h = 0; h < p; h++) {
            int rest = h, g = 0, scale = 1;
            for (int a = dims.length - 1; a >= 0; a--) {
                int coord = rest % dims[a];
                rest /= dims[a];
                if (!spatialAxes[a]) {
                    g += coord * scale;
                    scale *= dims[a];
                }
            }
            group[h] = g;
        }
    }

    @Override
    Pass pass(Params params, Batch x) {
        int c = in.channels();
        int p = in.positions();
        int n = x.n();
        double m = (double) (p / groups) * c;
        double[] xs = x.data();
        double[] y = new double[xs.length];
        double[] inverseSigma = new double[n * groups];
        double[] mean = new double[groups];
        double[] var = new double[groups];
        for (int e = 0; e < n; e++) {
            java.util.Arrays.fill(mean, 0);
            java.util.Arrays.fill(var, 0);
            for (int h = 0; h < p; h++) {
                int at = (e * p + h) * c;
                double s = mean[group[h]];
                for (int i = 0; i < c; i++) {
                    s += xs[at + i];
                }
                mean[group[h]] = s;
            }
            for (int g = 0; g < groups; g++) {
                mean[g] /= m;
            }
            for (int h = 0; h < p; h++) {
                int at = (e * p + h) * c;
                double mu = mean[group[h]];
                double s = var[group[h]];
                for (int i = 0; i < c; i++) {
                    double d = xs[at + i] - mu;
                    s += d * d;
                }
                var[group[h]] = s;
            }
            for (int g = 0; g < groups; g++) {
                inverseSigma[e * groups + g] = 1 / Math.sqrt(eps + var[g] / m);
            }
            for (int h = 0; h < p; h++) {
                int at = (e * p + h) * c;
                double mu = mean[group[h]];
                double inv = inverseSigma[e * groups + group[h]];
                for (int i = 0; i < c; i++) {
                    y[at + i] = (xs[at + i] - mu) * inv;
                }
            }
        }
        return new Pass(new Batch(y, n, out), (cot, gram) -> {
            double[] d = cot.data();
            double[] dx = new double[d.length];
            double[] meanD = new double[groups];
            double[] meanDY = new double[groups];
            for (int e = 0; e < cot.n(); e++) {
                int fe = e % n;
                java.util.Arrays.fill(meanD, 0);
                java.util.Arrays.fill(meanDY, 0);
                for (int h = 0; h < p; h++) {
                    int at = (e * p + h) * c;
                    int fwd = (fe * p + h) * c;
                    double sd = meanD[group[h]];
                    double sdy = meanDY[group[h]];
                    for (int i = 0; i < c; i++) {
                        sd += d[at + i];
                        sdy += d[at + i] * y[fwd + i];
                    }
                    meanD[group[h]] = sd;
                    meanDY[group[h]] = sdy;
                }
                for (int g = 0; g < groups; g++) {
                    meanD[g] /= m;
                    meanDY[g] /= m;
                }
                for (int h = 0; h < p; h++) {
                    int at = (e * p + h) * c;
                    int fwd = (fe * p + h) * c;
                    double md = meanD[group[h]];
                    double mdy = meanDY[group[h]];
                    double inv = inverseSigma[fe * groups + group[h]];
                    for (int i = 0; i < c; i++) {
                        dx[at + i] = (d[at + i] - md - y[fwd + i] * mdy) * inv;
                    }
                }
            }
            return new Batch(dx, cot.n(), in);
        });
    }
}

package org.ntk4j.layers.finite;

import org.ntk4j.core.InputShape;

/**
 * LayerNorm over channels at finite width, as neural-tangents' apply function: at every example
 * and position, {@code y = (x − μ)/σ} with {@code μ} the channel mean, {@code σ = sqrt(eps + var)}
 * and {@code var} the channel variance (divided by C). Backward, with {@code x̂ = y} and
 * {@code δ} the output cotangent: {@code δx = (δ − mean_c δ − x̂·mean_c(δ·x̂)) / σ}. No parameters.
 */
final class LayerNormModule extends SingleModule {
    private final double eps;

    LayerNormModule(InputShape shape, double eps) {
        super(shape, shape);
        this.eps = eps;
    }

    @Override
    Pass pass(Params params, Batch x) {
        int c = in.channels();
        int rows = x.rows();
        double[] xs = x.data();
        double[] y = new double[xs.length];
        double[] inverseSigma = new double[rows];
        for (int r = 0; r < rows; r++) {
            int at = r * c;
            double mean = 0;
            for (int i = 0; i < c; i++) {
                mean += xs[at + i];
            }
            mean /= c;
            double var = 0;
            for (int i = 0; i < c; i++) {
                double d = xs[at + i] - mean;
                var += d * d;
            }
            var /= c;
            double inv = 1 / Math.sqrt(eps + var);
            inverseSigma[r] = inv;
            for (int i = 0; i < c; i++) {
                y[at + i] = (xs[at + i] - mean) * inv;
            }
        }
        return new Pass(new Batch(y, x.n(), out), (cot, gram) -> {
            double[] d = cot.data();
            double[] dx = new double[d.length];
            for (int r = 0; r < cot.rows(); r++) {
                int at = r * c;
                int fwd = (r % rows) * c;
                double meanD = 0;
                double meanDY = 0;
                for (int i = 0; i < c; i++) {
                    meanD += d[at + i];
                    meanDY += d[at + i] * y[fwd + i];
                }
                meanD /= c;
                meanDY /= c;
                double inv = inverseSigma[r % rows];
                for (int i = 0; i < c; i++) {
                    dx[at + i] = (d[at + i] - meanD - y[fwd + i] * meanDY) * inv;
                }
            }
            return new Batch(dx, cot.n(), in);
        });
    }
}

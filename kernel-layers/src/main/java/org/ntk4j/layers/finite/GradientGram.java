package org.ntk4j.layers.finite;

/**
 * Accumulates the empirical NTK of one network, {@code Θ[n, n'] = Σ_k Σ_θ ∂f_k(x_n)/∂θ ·
 * ∂f_k(x_n')/∂θ}, summed over the K output units, without per-example gradients.
 *
 * <p>An affine layer {@code z[n, o] = s·Σ_i h[n, o, i]·W[i, c] + s_b·b[c]} (h: patches or
 * activations at output position o; W shared over positions) contributes
 * {@code s²·Σ_{o,o'} (h[n,o]·h[n',o']) (δ[n,o]·δ[n',o'])} where
 * {@code δ[n,o]·δ[n',o'] = Σ_k Σ_c δ_k[n,o,c]·δ_k[n',o',c]}, and its bias {@code s_b²·Σ_{o,o'}
 * δ[n,o]·δ[n',o']}; with per-position weights (ConvLocal) only {@code o = o'} terms remain.
 * Both factors are Gram matrices computed by GEMM.
 */
final class GradientGram implements ParameterCotangents {
    private final int n;
    private final int outputs;
    private final double[] theta;

    /** For {@code n} forward examples and {@code outputs} output units. */
    GradientGram(int n, int outputs) {
        this.n = n;
        this.outputs = outputs;
        this.theta = new double[n * n];
    }

    /** The sum over output units, (n×n) row-major. */
    double[] theta() {
        return theta;
    }

    @Override
    public void affine(int slot, double[] h, int hCols, double[] delta, int channels, int positions, boolean local,
            double scaleW, double scaleB) {
        add(h, hCols, delta, channels, positions, local, scaleW * scaleW);
        if (!Double.isNaN(scaleB)) {
            add(null, 0, delta, channels, positions, local, scaleB * scaleB);
        }
    }

    /**
     * Adds {@code factor·Σ (h·h')(δ·δ')} over position pairs (all pairs, or equal positions when
     * {@code local}).
     *
     * @param h        inputs of the layer as an (n·P × hCols) matrix, or null for a bias ({@code h ≡ 1})
     * @param delta    cotangents of its output, {@code K·n} examples of P positions × {@code channels}
     */
    private void add(double[] h, int hCols, double[] delta, int channels, int positions, boolean local, double factor) {
        int mCols = outputs * channels;
        double[] m = byExample(delta, channels, positions);
        if (local) {
            for (int p = 0; p < positions; p++) {
                double[] gh = h == null ? null : Matrices.gram(Matrices.rowsAt(h, hCols, p, positions, n), n, hCols);
                double[] gm = Matrices.gram(Matrices.rowsAt(m, mCols, p, positions, n), n, mCols);
                accumulate(gh, gm, 1, factor);
            }
        } else {
            double[] gh = h == null ? null : Matrices.gram(h, n * positions, hCols);
            accumulate(gh, Matrices.gram(m, n * positions, mCols), positions, factor);
        }
    }

    /** Cotangents rearranged as an (n·P × K·C) matrix: row (example, position), column (output unit, channel). */
    private double[] byExample(double[] delta, int channels, int positions) {
        int rows = n * positions;
        double[] m = new double[delta.length];
        for (int k = 0; k < outputs; k++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(delta, (k * rows + r) * channels, m, (r * outputs + k) * channels, channels);
            }
        }
        return m;
    }

    /** {@code Θ[e, e'] += factor·Σ_{o,o'} gh[(e,o),(e',o')]·gm[(e,o),(e',o')]} over (n·P)² Grams. */
    private void accumulate(double[] gh, double[] gm, int positions, double factor) {
        int size = n * positions;
        for (int e = 0; e < n; e++) {
            for (int f = 0; f < n; f++) {
                double s = 0;
                for (int o = 0; o < positions; o++) {
                    int row = (e * positions + o) * size + f * positions;
                    for (int q = 0; q < positions; q++) {
                        s += (gh == null ? 1.0 : gh[row + q]) * gm[row + q];
                    }
                }
                theta[e * n + f] += factor * s;
            }
        }
    }
}

package org.ntk4j.layers.finite;

/**
 * The Jacobian {@code ∂f_k(x_n)/∂θ} of every output unit at every forward example, from one
 * backward pass whose cotangents are the unit basis (example {@code k·N + n} the cotangent of unit
 * k at example n, as for the empirical NTK): for an affine layer, {@code ∂f/∂W[i, c] = s_W·Σ_o
 * h[n, o, i]·δ[o, c]} and {@code ∂f/∂b[c] = s_b·Σ_o δ[o, c]} (per position for ConvLocal). Row
 * {@code n·K + k}, columns in the order of {@link Params#toArray}.
 */
final class ParameterJacobian implements ParameterCotangents {
    private final int n;
    private final int outputs;
    private final int[][] offsets;
    private final double[][] rows;

    /** For {@code n} forward examples, {@code outputs} units and parameters laid out as {@code like}. */
    ParameterJacobian(int n, int outputs, Params like) {
        this.n = n;
        this.outputs = outputs;
        this.offsets = new int[like.slots()][];
        int at = 0;
        for (int s = 0; s < like.slots(); s++) {
            double[][] slot = like.slot(s);
            offsets[s] = new int[slot.length];
            for (int j = 0; j < slot.length; j++) {
                offsets[s][j] = at;
                at += slot[j].length;
            }
        }
        this.rows = new double[n * outputs][at];
    }

    double[][] rows() {
        return rows;
    }

    @Override
    public void affine(int slot, double[] h, int hCols, double[] delta, int channels, int positions, boolean local,
            double scaleW, double scaleB) {
        for (int k = 0; k < outputs; k++) {
            for (int e = 0; e < n; e++) {
                double[] row = rows[e * outputs + k];
                int q = k * n + e;
                for (int o = 0; o < positions; o++) {
                    int w0 = offsets[slot][0] + (local ? o * hCols * channels : 0);
                    int hRow = (e * positions + o) * hCols;
                    int dRow = (q * positions + o) * channels;
                    for (int i = 0; i < hCols; i++) {
                        double hi = scaleW * h[hRow + i];
                        if (hi == 0) {
                            continue;
                        }
                        int w = w0 + i * channels;
                        for (int c = 0; c < channels; c++) {
                            row[w + c] += hi * delta[dRow + c];
                        }
                    }
                    if (!Double.isNaN(scaleB)) {
                        int b0 = offsets[slot][1] + (local ? o * channels : 0);
                        for (int c = 0; c < channels; c++) {
                            row[b0 + c] += scaleB * delta[dRow + c];
                        }
                    }
                }
            }
        }
    }
}

package org.ntk4j.layers.finite;

/**
 * The gradient {@code ∂L/∂θ} of a scalar loss, from one backward pass whose cotangent is
 * {@code ∂L/∂f} (one cotangent example per forward example): for an affine layer
 * {@code z = s_W·h·W + s_b·b}, {@code ∂L/∂W = s_W·hᵀδ} and {@code ∂L/∂b = s_b·Σ_{n,o} δ[n, o]}
 * (per output position o for ConvLocal). Collected slot by slot into a {@link Params} layout.
 */
final class ParameterGradient implements ParameterCotangents {
    private final double[][][] slots;

    ParameterGradient(int slots) {
        this.slots = new double[slots][][];
    }

    @Override
    public void affine(int slot, double[] h, int hCols, double[] delta, int channels, int positions, boolean local,
            double scaleW, double scaleB) {
        int rows = h.length / hCols;
        if (delta.length != rows * channels) {
            throw new IllegalStateException("a loss gradient needs one cotangent per forward example, got "
                    + delta.length / channels + " cotangent rows for " + rows + " forward rows");
        }
        int n = rows / positions;
        double[] dw;
        double[] db = Double.isNaN(scaleB) ? null : new double[(local ? positions : 1) * channels];
        if (local) {
            dw = new double[positions * hCols * channels];
            for (int o = 0; o < positions; o++) {
                double[] g = Matrices.transposedTimes(Matrices.rowsAt(h, hCols, o, positions, n), n, hCols,
                        Matrices.rowsAt(delta, channels, o, positions, n), channels);
                System.arraycopy(g, 0, dw, o * hCols * channels, g.length);
            }
        } else {
            dw = Matrices.transposedTimes(h, rows, hCols, delta, channels);
        }
        for (int i = 0; i < dw.length; i++) {
            dw[i] *= scaleW;
        }
        if (db != null) {
            for (int r = 0; r < rows; r++) {
                int base = local ? (r % positions) * channels : 0;
                for (int c = 0; c < channels; c++) {
                    db[base + c] += scaleB * delta[r * channels + c];
                }
            }
        }
        slots[slot] = db == null ? new double[][] {dw} : new double[][] {dw, db};
    }

    /** The collected gradient, laid out as the parameters. */
    Params params() {
        return new Params(slots);
    }
}

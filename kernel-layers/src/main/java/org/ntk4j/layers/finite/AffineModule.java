package org.ntk4j.layers.finite;

import java.util.random.RandomGenerator;
import org.ntk4j.core.InputShape;
import org.ntk4j.layers.Conv;
import org.ntk4j.layers.Dense;
import org.ntk4j.layers.Parameterization;

/**
 * Dense, Conv and ConvLocal at finite width, as neural-tangents' {@code init_fn}/{@code apply_fn}:
 * with patches {@code h[n, o]} of the input (im2col; for Dense the channels at position o),
 * {@code z[n, o, c] = s_W·Σ_i h[n, o, i]·W[i, c] + s_b·b[c]}, {@code fan_in = C_in·|F|}
 * ({@code C_in} for Dense).
 * <ul>
 *   <li>{@code ntk}: {@code W, b ~ N(0, 1)}, {@code s_W = W_std/sqrt(fan_in)}, {@code s_b = b_std}.</li>
 *   <li>{@code standard}: {@code W ~ N(0, W_std²/fan_in)}, {@code b ~ N(0, b_std²)}, {@code s_W = s_b = 1}.</li>
 * </ul>
 * ConvLocal has its own {@code W[o]} and {@code b[o]} at every output position. Dense is a
 * convolution whose window is one position.
 */
final class AffineModule extends SingleModule {
    private final int slot;
    private final Taps taps;
    private final boolean local;
    private final int cin;
    private final int cout;
    private final double initW;
    private final Double initB;
    private final double scaleW;
    private final double scaleB;
    private final boolean inputCotangent;

    private AffineModule(int slot, InputShape in, InputShape out, Taps taps, boolean local, double wStd, Double bStd,
            Parameterization parameterization, boolean inputCotangent) {
        super(in, out);
        this.slot = slot;
        this.inputCotangent = inputCotangent;
        this.taps = taps;
        this.local = local;
        this.cin = in.channels();
        this.cout = out.channels();
        double fanIn = (double) cin * taps.taps;
        boolean ntk = parameterization == Parameterization.NTK;
        this.initW = ntk ? 1.0 : wStd / Math.sqrt(fanIn);
        this.initB = bStd == null ? null : ntk ? 1.0 : bStd;
        this.scaleW = ntk ? wStd / Math.sqrt(fanIn) : 1.0;
        this.scaleB = ntk && bStd != null ? bStd : 1.0;
    }

    /**
     * Dense on the channel axis of inputs of shape {@code in}, parameters in slot {@code slot};
     * without {@code inputCotangent} its backward pass returns zeros for the input's cotangent.
     */
    static AffineModule dense(Dense d, InputShape in, int slot, boolean inputCotangent) {
        InputShape out = new InputShape(in.spatial(), d.outDim());
        return new AffineModule(slot, in, out, Taps.pointwise(in.spatial()), false, d.wStd(), d.bStd(),
                d.parameterization(), inputCotangent);
    }

    /** Conv or ConvLocal on inputs of shape {@code in}, parameters in slot {@code slot}; as {@link #dense}. */
    static AffineModule conv(Conv c, InputShape in, int slot, boolean inputCotangent) {
        Taps taps = Taps.of(in.spatial(), c.filterShape(), c.strides(), c.padding(), false);
        return new AffineModule(slot, in, new InputShape(taps.spatialOut, c.outChan()), taps, !c.sharedWeights(), c.wStd(),
                c.bStd(), c.parameterization(), inputCotangent);
    }

    int slot() {
        return slot;
    }

    /** This layer's public description (slot, shapes, scale factors; scaleB NaN without bias). */
    AffineLayer info() {
        String kind = local ? "ConvLocal" : taps.taps == 1 && in.spatial().length == 0 ? "Dense" : "Conv";
        return new AffineLayer(slot, kind, in, out, cin * taps.taps, scaleW, initB == null ? Double.NaN : scaleB);
    }

    /** Draws W (and b) as neural-tangents' init_fn; one weight matrix (and bias row) per position when local. */
    double[][] init(RandomGenerator rng) {
        int copies = local ? taps.positionsOut : 1;
        double[] w = gaussian(rng, copies * taps.taps * cin * cout, initW);
        return initB == null ? new double[][] {w} : new double[][] {w, gaussian(rng, copies * cout, initB)};
    }

    private static double[] gaussian(RandomGenerator rng, int size, double std) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = std * rng.nextGaussian();
        }
        return a;
    }

    @Override
    Pass pass(Params params, Batch x) {
        double[][] p = params.slot(slot);
        int k = taps.taps * cin;
        int pout = taps.positionsOut;
        double[] cols = taps.im2col(x.data(), x.n(), cin);
        double[] z = product(cols, x.n(), p[0], false);
        for (int r = 0; r < x.n() * pout; r++) {
            for (int c = 0; c < cout; c++) {
                z[r * cout + c] = scaleW * z[r * cout + c] + (p.length > 1 ? scaleB * p[1][(local ? r % pout * cout : 0) + c] : 0.0);
            }
        }
        Batch output = new Batch(z, x.n(), out);
        return new Pass(output, (cot, gram) -> {
            gram.affine(slot, cols, k, cot.data(), cout, pout, local, scaleW, p.length > 1 ? scaleB : Double.NaN);
            if (!inputCotangent) {
                return new Batch(new double[cot.n() * in.size()], cot.n(), in);
            }
            double[] dcols = product(cot.data(), cot.n(), p[0], true);
            for (int i = 0; i < dcols.length; i++) {
                dcols[i] *= scaleW;
            }
            return new Batch(taps.col2im(dcols, cot.n(), cin), cot.n(), in);
        });
    }

    /**
     * Patches times weights, {@code (n·P_out × T·C_in)·(T·C_in × C_out)}, or cotangents times
     * transposed weights when {@code transposed}; per output position for ConvLocal.
     */
    private double[] product(double[] a, int n, double[] w, boolean transposed) {
        int k = taps.taps * cin;
        int aCols = transposed ? cout : k;
        int cCols = transposed ? k : cout;
        int pout = taps.positionsOut;
        if (!local) {
            return Matrices.mmul(a, n * pout, aCols, w, cCols, transposed);
        }
        double[] c = new double[n * pout * cCols];
        for (int o = 0; o < pout; o++) {
            double[] wo = java.util.Arrays.copyOfRange(w, o * k * cout, (o + 1) * k * cout);
            double[] co = Matrices.mmul(Matrices.rowsAt(a, aCols, o, pout, n), n, aCols, wo, cCols, transposed);
            Matrices.setRowsAt(c, co, cCols, o, pout, n);
        }
        return c;
    }

    @Override
    public String toString() {
        return (local ? "ConvLocal" : "Affine") + in + "->" + out;
    }
}

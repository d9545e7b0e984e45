package org.ntk4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.ntk4j.core.AxisTaps;
import org.ntk4j.core.ConvRowPass;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.core.Padding;
import org.ntk4j.core.Precision;
import org.ntk4j.layers.finite.FiniteFace;
import org.ntk4j.layers.spec.LayerType;
import org.ntk4j.layers.spec.SpecFields;

/**
 * Convolution over 1 or 2 (or more) spatial dims, channels last: shared weights ({@code Conv}, a
 * CNN) or unshared weights ({@code ConvLocal}, a locally connected network, LCN).
 *
 * <p>Kernel: every spatial dimension is convolved with a diagonal filter of value {@code 1/|F|},
 * {@code conv(K)[i,i'] = 1/|F|·Σ_{d∈F} K[i·s+d−lo, i'·s+d−lo]} (taps in zero padding contribute 0;
 * CIRCULAR wraps). {@code ntk} parameterisation: {@code nngp' = W²·conv(nngp) + b²},
 * {@code ntk' = W²·conv(ntk) + nngp'}. {@code standard}: {@code nngp' = W²·conv(nngp) + b²},
 * {@code ntk' = C_in·|F|·conv(nngp) + W²·conv(ntk) (+1 with a bias)}.
 *
 * <p>ConvLocal has the same spatial diagonal; every off-diagonal entry of its output is exactly 0
 * and the bias is added on the diagonal only, so it only ever reads its input's diagonal.
 */
public final class Conv extends SingleLayer {
    private static final Set<String> SPEC_KEYS = Set.of("out_chan", "filter_shape", "strides", "padding", "W_std", "b_std",
            "parameterization");

    /** JSON spec types {@code Conv} and {@code ConvLocal}: out_chan, filter_shape, strides, padding, W_std, b_std, parameterization. */
    static final List<LayerType> SPEC = List.of(
            new LayerType("Conv", SPEC_KEYS, f -> fromSpec(f, true)),
            new LayerType("ConvLocal", SPEC_KEYS, f -> fromSpec(f, false)));

    private static Conv fromSpec(SpecFields f, boolean shared) {
        return new Conv(f.requiredInt("out_chan"), f.requiredInts("filter_shape"), f.ints("strides"), f.padding(),
                f.number("W_std", 1.0), f.optionalNumber("b_std"), f.parameterization(), shared);
    }

    private final int outChan;
    private final int[] filterShape;
    private final int[] strides;
    private final Padding padding;
    private final double wStd;
    private final Double bStd;
    private final Parameterization parameterization;
    private final boolean shared;

    Conv(int outChan, int[] filterShape, int[] strides, Padding padding, double wStd, Double bStd,
            Parameterization parameterization, boolean shared) {
        String name = shared ? "Conv" : "ConvLocal";
        if (outChan < 1) {
            throw new IllegalArgumentException(name + ": out_chan must be positive, got " + outChan);
        }
        if (filterShape == null || filterShape.length == 0) {
            throw new IllegalArgumentException(name + ": filter_shape must name at least one spatial dim");
        }
        for (int f : filterShape) {
            if (f < 1) {
                throw new IllegalArgumentException(name + ": filter_shape must be positive, got "
                        + Arrays.toString(filterShape));
            }
        }
        int[] s = strides == null ? ones(filterShape.length) : strides.clone();
        if (s.length != filterShape.length) {
            throw new IllegalArgumentException(name + ": strides " + Arrays.toString(s) + " must have one entry per "
                    + "filter dim " + Arrays.toString(filterShape));
        }
        for (int v : s) {
            if (v < 1) {
                throw new IllegalArgumentException(name + ": strides must be positive, got " + Arrays.toString(s));
            }
        }
        LayerSupport.checkStd(name, "W_std", wStd);
        if (bStd != null) {
            LayerSupport.checkStd(name, "b_std", bStd);
        }
        this.outChan = outChan;
        this.filterShape = filterShape.clone();
        this.strides = s;
        this.padding = padding == null ? Padding.VALID : padding;
        this.wStd = wStd;
        this.bStd = bStd;
        this.parameterization = parameterization == null ? Parameterization.NTK : parameterization;
        this.shared = shared;
    }

    static int[] ones(int n) {
        int[] o = new int[n];
        Arrays.fill(o, 1);
        return o;
    }

    private Conv with(int[] newStrides, Padding newPadding, double newW, Double newB, Parameterization newP) {
        return new Conv(outChan, filterShape, newStrides, newPadding, newW, newB, newP, shared);
    }

    /** The same layer with padding {@code p} (VALID, SAME or CIRCULAR). */
    public Conv padding(Padding p) {
        return with(strides, p, wStd, bStd, parameterization);
    }

    /** The same layer with strides {@code s}, one per filter dim. */
    public Conv strides(int... s) {
        return with(s, padding, wStd, bStd, parameterization);
    }

    /** The same layer with weight standard deviation {@code w}. */
    public Conv wStd(double w) {
        return with(strides, padding, w, bStd, parameterization);
    }

    /** The same layer with a bias of standard deviation {@code b}. */
    public Conv bStd(double b) {
        return with(strides, padding, wStd, b, parameterization);
    }

    /** The same layer without bias. */
    public Conv noBias() {
        return with(strides, padding, wStd, null, parameterization);
    }

    /** The same layer in parameterisation {@code p}. */
    public Conv parameterization(Parameterization p) {
        return with(strides, padding, wStd, bStd, p);
    }

    public int outChan() {
        return outChan;
    }

    public int[] filterShape() {
        return filterShape.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    public Padding padding() {
        return padding;
    }

    public double wStd() {
        return wStd;
    }

    public Double bStd() {
        return bStd;
    }

    public Parameterization parameterization() {
        return parameterization;
    }

    /** True for a CNN (shared weights), false for ConvLocal (LCN). */
    public boolean sharedWeights() {
        return shared;
    }

    @Override
    Step step(KernelShape in, String where) {
        AxisTaps[] taps = LayerSupport.taps(where, in, filterShape, strides, padding, false, "filter_shape");
        KernelShape out = in.withSpatial(LayerSupport.outDims(taps)).withChannels(outChan)
                .producedBy(shared ? "Conv" : "ConvLocal", true);
        int filterSize = 1;
        for (int f : filterShape) {
            filterSize *= f;
        }
        final double fanIn = (double) in.channels() * filterSize;
        return new Bound(in, out, taps, fanIn);
    }

    /** Conv bound to its input: the taps of every axis and the layer's affine maps. */
    private final class Bound extends Step {
        private final AxisTaps[] taps;
        private final AffineMaps maps;

        Bound(KernelShape in, KernelShape out, AxisTaps[] taps, double fanIn) {
            super(in, out);
            this.taps = taps;
            this.maps = new AffineMaps(wStd, bStd, parameterization, fanIn);
        }

        @Override
        public boolean needsFull(boolean fullOut) {
            return shared && fullOut;
        }

        @Override
        public void apply(KernelState k) {
            k.sweep(taps, in.full(), false);
            // Diagonal storage of ConvLocal's output holds exactly its nonzero entries.
            maps.apply(k, 0, shared ? out.length() : out.positions());
            k.setShape(shared ? out : out.withFull(false));
            if (!shared && out.full()) {
                k.expandDiagonal();
            }
        }

        @Override
        public boolean fusesEpilogue() {
            return shared && in.full() && taps.length <= 2;
        }

        /**
         * The convolution with {@code next} applied to each output row as soon as it is finished. In 2D,
         * for every output row index {@code a} of the first axis, the first pass writes the block of
         * rows {@code (a, i)} it needs into per-thread scratch and the second pass reads them from there,
         * so the intermediate P×P buffer is never written out; each finished row then gets
         * {@link AffineMaps} and {@code next} while it is in cache. 1D: one pass, row by row.
         */
        @Override
        public void applyFused(KernelState k, RowEpilogue next) {
            boolean ntk = k.computesNtk();
            Precision precision = k.precision();
            Object inNngp = k.nngpBuffer(), inNtk = k.ntkBuffer();
            k.outputToScratch();
            Object outNngp = k.nngpBuffer(), outNtk = k.ntkBuffer();
            k.setShape(out);
            int p = out.positions();
            AxisTaps last = taps[taps.length - 1];
            if (taps.length == 1) {
                ConvRowPass rows = new ConvRowPass(last, 1, 1, precision);
                for (int o = 0; o < last.out; o++) {
                    rows.row(inNngp, 0, outNngp, o * p, 0, o, 0);
                    if (ntk) {
                        rows.row(inNtk, 0, outNtk, o * p, 0, o, 0);
                    }
                    finishRow(k, next, o, p);
                }
            } else {
                AxisTaps first = taps[0];
                int n1 = last.in, mid = first.out * n1;
                Object blockNngp = k.block(0, n1 * mid), blockNtk = ntk ? k.block(1, n1 * mid) : null;
                ConvRowPass rows0 = new ConvRowPass(first, 1, n1, precision);
                ConvRowPass rows1 = new ConvRowPass(last, first.out, 1, precision);
                for (int a = 0; a < first.out; a++) {
                    for (int i = 0; i < n1; i++) {
                        rows0.row(inNngp, 0, blockNngp, i * mid, 0, a, i);
                        if (ntk) {
                            rows0.row(inNtk, 0, blockNtk, i * mid, 0, a, i);
                        }
                    }
                    for (int o = 0; o < last.out; o++) {
                        int row = a * last.out + o;
                        rows1.row(blockNngp, a * n1 * mid, outNngp, row * p, a, o, 0);
                        if (ntk) {
                            rows1.row(blockNtk, a * n1 * mid, outNtk, row * p, a, o, 0);
                        }
                        finishRow(k, next, row, p);
                    }
                }
            }
            k.setShape(next.out());
        }

        private void finishRow(KernelState k, RowEpilogue next, int row, int p) {
            maps.apply(k, row * p, (row + 1) * p);
            next.applyRows(k, row, row + 1);
        }
    }

    /** Finite width: the convolution (shared or, for ConvLocal, per-position weights). */
    @Override
    public FiniteFace finite() {
        return FiniteFace.conv(this);
    }

    @Override
    public String toString() {
        return (shared ? "Conv" : "ConvLocal") + "(out_chan=" + outChan + ", filter_shape=" + Arrays.toString(filterShape)
                + ", strides=" + Arrays.toString(strides) + ", padding=" + padding + ", W_std=" + wStd + ", b_std=" + bStd
                + (parameterization == Parameterization.NTK ? "" : ", parameterization=standard") + ")";
    }
}

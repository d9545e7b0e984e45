package org.ntk4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.ntk4j.core.ElementwiseKernel;
import org.ntk4j.core.ElementwiseRows;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.layers.finite.FiniteFace;
import org.ntk4j.layers.spec.LayerType;
import org.ntk4j.layers.spec.SpecFields;

/**
 * Layer normalisation, as neural-tangents' {@code LayerNorm(axis=-1, eps=1e-12)}: at finite width
 * {@code y = (x − mean x) / sqrt(eps + var x)}, the mean and variance taken over the channels and
 * the spatial axes named in {@code axis}, separately at every example and every coordinate of the
 * other spatial axes.
 *
 * <p>Kernel (infinitely many channels: the mean vanishes and the variance is the mean of the
 * input's self-covariance over the normalised positions): with {@code v1[h] = K(x,x)[h,h]} and
 * {@code v2[h'] = K(x',x')[h',h']} from the variance chains, and {@code n1[h]} the mean of
 * {@code eps + v1} over the positions that share h's coordinates on the spatial axes not in
 * {@code axis} (so {@code n1[h] = eps + v1[h]} for the channel axis alone),
 * <pre>
 *   K'[h,h'] = K[h,h'] / sqrt(n1[h]·n2[h']),   Θ'[h,h'] = Θ[h,h'] / sqrt(same),
 * </pre>
 * and the same for the self-covariances. The normalisers are computed once per input (in the pass
 * over (x, x)) and kept in the layer's slot of the variance chain. The input must be Gaussian; the
 * output stays Gaussian. {@code axis} holds indices of the activation shape {@code (N, spatial..., C)}
 * (negative from the end) and must include the channel axis; the batch axis is refused.
 */
public final class LayerNorm extends SingleLayer {
    /** JSON spec type {@code LayerNorm}: axis (an integer or a list), eps. */
    static final List<LayerType> SPEC = List.of(new LayerType("LayerNorm", Set.of("axis", "eps"),
            f -> new LayerNorm(axis(f), f.number("eps", 1e-12))));

    private final int[] axis;
    private final double eps;
    /** The entry map: nngp' = q12 / sqrt((eps + q11)(eps + q22)), K̇ = 1 / sqrt(same). */
    private final ElementwiseKernel normalise;

    LayerNorm(int[] axis, double eps) {
        if (axis == null || axis.length == 0) {
            throw new IllegalArgumentException("LayerNorm: axis must name at least one axis (the channel axis, -1)");
        }
        if (!Double.isFinite(eps) || eps < 0) {
            throw new IllegalArgumentException("LayerNorm: eps must be a finite non-negative number, got " + eps);
        }
        this.axis = axis.clone();
        this.eps = eps;
        this.normalise = (q12, q11, q22, out) -> {
            double norm = Math.sqrt((eps + q11) * (eps + q22));
            out.nngp = q12 / norm;
            out.kdot = 1 / norm;
        };
    }

    /** {@code axis} of a spec: one integer or a list of integers; -1 when absent. */
    private static int[] axis(SpecFields f) {
        if (!f.has("axis")) {
            return new int[] {-1};
        }
        try {
            return new int[] {f.integer("axis", -1)};
        } catch (IllegalArgumentException notAnInteger) {
            return f.requiredInts("axis");
        }
    }

    public int[] axis() {
        return axis.clone();
    }

    public double eps() {
        return eps;
    }

    /** The entry map of the kernel (for tests): {@code q12 / sqrt((eps + q11)(eps + q22))}. */
    ElementwiseKernel entryKernel() {
        return normalise;
    }

    /**
     * Which spatial axes of activations with {@code rank} spatial axes are normalised (together with
     * the channel axis): throws a one-line error naming {@code where} for an axis out of range, the
     * batch axis, or an {@code axis} without the channel axis.
     */
    public boolean[] spatialAxes(int rank, String where, String activationShape) {
        int ndim = rank + 2;
        boolean[] spatial = new boolean[rank];
        boolean channel = false;
        for (int a : axis) {
            if (a < -ndim || a >= ndim) {
                throw new IllegalArgumentException(where + ": axis " + a + " is out of range for activations of shape "
                        + activationShape + " (" + ndim + " axes)");
            }
            int c = a < 0 ? a + ndim : a;
            if (c == 0) {
                throw new IllegalArgumentException(where + ": normalisation over the batch axis (axis " + a
                        + " of activations of shape " + activationShape + ") is not supported; normalise over the channel "
                        + "axis and any spatial axes");
            }
            if (c == ndim - 1) {
                channel = true;
            } else {
                spatial[c - 1] = true;
            }
        }
        if (!channel) {
            throw new IllegalArgumentException(where + ": axis=" + Arrays.toString(axis) + " lacks the channel axis (-1, or "
                    + (ndim - 1) + " for activations of shape " + activationShape + "), which neural-tangents requires "
                    + "for an infinite-width kernel");
        }
        return spatial;
    }

    @Override
    Step step(KernelShape in, String where) {
        boolean[] spatial = spatialAxes(in.rank(), where, in.activationShape());
        ChainedRows.requireGaussian(in, where, "LayerNorm");
        KernelShape out = in.producedBy("LayerNorm", true);
        for (boolean s : spatial) {
            if (s) {
                return new OverPositions(in, out, spatial, eps);
            }
        }
        return new ChainedRows(in, out, (k, offset, from, to) -> ElementwiseRows.apply(normalise, k, offset, from, to));
    }

    /**
     * The kernel map when spatial axes are normalised too: the layer's chain slot holds, instead of
     * the variances {@code v[h]}, the normalisers {@code n[h] = eps + mean of v over h's group} (the
     * positions sharing h's coordinates on the other spatial axes), written in the pass over (x, x)
     * right after the variances are recorded (rounded to float32 in a float32 state, as every chain
     * value); every pair then maps {@code K[h,h'] → K[h,h'] / sqrt(n1[h]·n2[h'])} row by row.
     */
    private static final class OverPositions extends Step implements RowEpilogue {
        /** The entry map on normalisers: nngp' = q12 / sqrt(n1·n2), K̇ = 1 / sqrt(same). */
        private static final ElementwiseKernel DIVIDE = (q12, n1, n2, o) -> {
            double norm = Math.sqrt(n1 * n2);
            o.nngp = q12 / norm;
            o.kdot = 1 / norm;
        };
        private final double eps;
        /** Positions ordered group after group (row-major order within a group), {@code size} per group. */
        private final int[] order;
        private final int size;
        private int offset;

        OverPositions(KernelShape in, KernelShape out, boolean[] spatial, double eps) {
            super(in, out);
            this.eps = eps;
            int p = in.positions();
            int rank = in.rank();
            int groupSize = 1;
            for (int a = 0; a < rank; a++) {
                groupSize *= spatial[a] ? in.dim(a) : 1;
            }
            this.size = groupSize;
            // group of position h: its row-major index over the axes not normalised; rank within it: over the others.
            int[] filled = new int[p / groupSize];
            this.order = new int[p];
            int[] coord = new int[rank];
            for (int h = 0; h < p; h++) {
                int rest = h;
                for (int a = rank - 1; a >= 0; a--) {
                    coord[a] = rest % in.dim(a);
                    rest /= in.dim(a);
                }
                int g = 0;
                for (int a = 0; a < rank; a++) {
                    g = spatial[a] ? g : g * in.dim(a) + coord[a];
                }
                order[g * groupSize + filled[g]++] = h;
            }
        }

        @Override
        public void fix(boolean fullIn, boolean fullOut, Compilation c) {
            super.fix(fullIn, fullOut, c);
            offset = c.reserveChain(this.in.positions());
        }

        @Override
        public void apply(KernelState k) {
            if (k.recording()) {
                k.recordVariances(offset);
                normalisers(k);
            }
            applyRows(k, 0, ElementwiseRows.rows(k));
            k.setShape(this.out);
        }

        /** Replaces the recorded variances at the slot by the group normalisers (once per input). */
        private void normalisers(KernelState k) {
            double[] chain = k.cov1();
            float[] chain32 = k.single() ? k.cov1f() : null;
            for (int from = 0; from < order.length; from += size) {
                double sum = 0;
                for (int i = from; i < from + size; i++) {
                    sum += chain[offset + order[i]];
                }
                double n = eps + sum / size;
                for (int i = from; i < from + size; i++) {
                    if (chain32 != null) {
                        chain32[offset + order[i]] = (float) n;
                        chain[offset + order[i]] = (float) n;
                    } else {
                        chain[offset + order[i]] = n;
                    }
                }
            }
        }

        @Override
        public void applyRows(KernelState k, int from, int to) {
            ElementwiseRows.apply(DIVIDE, k, offset, from, to);
        }
    }

    /**
     * Maps scalar pairs to scalar pairs entry by entry from their own variances: usable in FCN blocks,
     * whose pairs run as positions of one spatial axis; so only when every entry of {@code axis} is
     * −1 (a positive channel index would name that axis there).
     */
    @Override
    public boolean scalarPairs() {
        return Arrays.stream(axis).allMatch(a -> a == -1);
    }

    /** Finite width: normalisation over the channels and the same spatial axes. */
    @Override
    public FiniteFace finite() {
        return FiniteFace.layerNorm(this);
    }

    @Override
    public String toString() {
        return "LayerNorm(axis=" + Arrays.toString(axis) + ", eps=" + eps + ")";
    }
}

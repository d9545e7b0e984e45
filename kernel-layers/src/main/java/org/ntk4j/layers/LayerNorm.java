package org.ntk4j.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ntk4j.core.ElementwiseKernel;
import org.ntk4j.core.ElementwiseRows;
import org.ntk4j.core.KernelShape;
import org.ntk4j.layers.finite.FiniteFace;
import org.ntk4j.layers.spec.LayerType;
import org.ntk4j.layers.spec.SpecFields;

/**
 * Layer normalisation over the channel axis, as neural-tangents' {@code LayerNorm(axis=-1,
 * eps=1e-12)}: at finite width {@code y = (x − mean_c x) / sqrt(eps + var_c x)} at every position.
 *
 * <p>Kernel (infinitely many channels: the channel mean vanishes and the channel variance is the
 * input's self-covariance at that position): with {@code v1[h] = K(x,x)[h,h]} and
 * {@code v2[h'] = K(x',x')[h',h']} from the variance chains,
 * <pre>
 *   K'[h,h'] = K[h,h'] / sqrt((eps + v1[h])·(eps + v2[h'])),   Θ'[h,h'] = Θ[h,h'] / sqrt(same),
 * </pre>
 * and the same for the self-covariances. The input must be Gaussian; the output stays Gaussian.
 * Only the channel axis is supported ({@code axis} = −1 or the channel's index in the activation
 * shape {@code (N, spatial..., C)}); neural-tangents requires it too, and normalising over spatial
 * or batch axes as well is refused here.
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

    @Override
    Step step(KernelShape in, String where) {
        int ndim = in.rank() + 2;
        Set<Integer> axes = new TreeSet<>();
        for (int a : axis) {
            if (a < -ndim || a >= ndim) {
                throw new IllegalArgumentException(where + ": axis " + a + " is out of range for activations of shape "
                        + in.activationShape() + " (" + ndim + " axes)");
            }
            axes.add(a < 0 ? a + ndim : a);
        }
        if (!axes.equals(Set.of(ndim - 1))) {
            throw new IllegalArgumentException(where + ": only normalisation over the channel axis (axis=-1, or "
                    + (ndim - 1) + " for activations of shape " + in.activationShape() + ") is supported, got axis="
                    + Arrays.toString(axis) + (axes.contains(ndim - 1) ? " (also over "
                    + (axes.contains(0) ? "the batch axis" : "spatial axes") + ", not implemented)"
                    : " (neural-tangents requires the channel axis for an infinite-width kernel)"));
        }
        ChainedRows.requireGaussian(in, where, "LayerNorm");
        return new ChainedRows(in, in.producedBy("LayerNorm", true),
                (k, offset, from, to) -> ElementwiseRows.apply(normalise, k, offset, from, to));
    }

    /** Maps scalar pairs to scalar pairs entry by entry from their own variances: usable in FCN blocks. */
    @Override
    public boolean scalarPairs() {
        return true;
    }

    /** Finite width: normalisation over channels at every position. */
    @Override
    public FiniteFace finite() {
        return FiniteFace.layerNorm(eps);
    }

    @Override
    public String toString() {
        return "LayerNorm(axis=" + Arrays.toString(axis) + ", eps=" + eps + ")";
    }
}

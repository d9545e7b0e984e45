package org.ntk4j.symmetry;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;

/**
 * Equivariance checks for networks whose output keeps the input's spatial dims (e.g. CIRCULAR
 * Conv layers without a readout) under groups that move pixels (translations, C4, D4): with
 * {@code (τx)[π(p)] = x[p]}, an equivariant kernel satisfies
 * {@code K(τx, τx')[π(p)] = K(x, x')[p]} in diagonal storage {@code (N1, N2, H, W)} and
 * {@code K(τx, τx')[π(p), π(p')] = K(x, x')[p, p']} in full storage {@code (N1, N2, H, W, H, W)}.
 * The measured quantity is the relative deviation between the two sides, maximised over samples.
 */
public final class Equivariance {
    private Equivariance() {
    }

    /**
     * Relative deviation of {@code K(τX, τX)} from the pixel-permuted {@code K(X, X)} over
     * {@code samples} random τ of {@code group}.
     *
     * @throws IllegalArgumentException when {@code samples < 1}, the group does not move whole
     *                                  pixels, or the kernel's output has no spatial dims or other
     *                                  spatial dims than the input
     */
    public static Deviation of(KernelFunction fn, Group group, INDArray x, int samples, long seed) {
        Invariance.requireSamples(samples);
        InputShape shape = Inputs.shapeOf(x, "x");
        Kernel reference = Invariance.kernel(fn, x, x);
        int pairLength = pairLength(reference.nngp(), shape);
        RandomGenerator rng = new SplittableRandom(seed);
        Deviation worst = null;
        for (int s = 0; s < samples; s++) {
            GroupElement tau = group.sample(rng, shape);
            if (!(tau instanceof PixelPermutation pi)) {
                throw new IllegalArgumentException("equivariance of spatial kernels needs a group that moves whole pixels "
                        + "(translation, C4, D4), got " + group.name());
            }
            Kernel moved = Invariance.kernel(fn, pi.apply(x), pi.apply(x));
            Deviation d = new Deviation(
                    Invariance.relative(moved.nngp(), permute(reference.nngp(), pi, pairLength)),
                    Invariance.relative(moved.ntk(), reference.ntk() == null ? null
                            : permute(reference.ntk(), pi, pairLength)), 1);
            worst = worst == null ? d : worst.combine(d);
        }
        return worst;
    }

    /** Entries per (x, x') pair: P (diagonal storage) or P² (full), checked against the input's P. */
    private static int pairLength(INDArray k, InputShape in) {
        long[] s = k.shape();
        long perPair = 1;
        for (int i = 2; i < s.length; i++) {
            perPair *= s[i];
        }
        long p = in.positions();
        if (s.length == 2 || (perPair != p && perPair != p * p)) {
            throw new IllegalArgumentException("equivariance needs a kernel that keeps the input's spatial dims "
                    + Arrays.toString(in.spatial()) + " (no readout, no strides or pooling), but the kernel has shape "
                    + Arrays.toString(s));
        }
        return (int) perPair;
    }

    /** The kernel with every pair's spatial entries moved by π: {@code out[π(p)(, π(p'))] = k[p(, p')]}. */
    private static INDArray permute(INDArray k, PixelPermutation pi, int pairLength) {
        double[] in = k.dup('c').data().asDouble();
        double[] out = new double[in.length];
        int p = pi.shape().positions();
        boolean full = pairLength != p;
        for (int base = 0; base < in.length; base += pairLength) {
            for (int a = 0; a < p; a++) {
                if (full) {
                    int ra = pi.destination(a) * p;
                    for (int b = 0; b < p; b++) {
                        out[base + ra + pi.destination(b)] = in[base + a * p + b];
                    }
                } else {
                    out[base + pi.destination(a)] = in[base + a];
                }
            }
        }
        return Nd4j.create(out, k.shape(), 'c');
    }
}

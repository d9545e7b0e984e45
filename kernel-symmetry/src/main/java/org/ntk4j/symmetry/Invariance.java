package org.ntk4j.symmetry;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;

/**
 * Numerical invariance checks of a kernel under a group (paper, Definition 1 and Theorem 4.1): a
 * kernel is τ-invariant when {@code K(τx, τx') = K(x, x')} for all x, x'. The measured quantity is
 * the relative deviation {@code max|K(τX, τX) − K(X, X)| / max|K(X, X)|}, maximised over
 * {@code samples} random τ, for the NNGP and the NTK separately.
 */
public final class Invariance {
    private Invariance() {
    }

    /**
     * Relative deviation of {@code K(τX, τX)} from {@code K(X, X)} over {@code samples} random τ of
     * {@code group} drawn from a generator seeded by {@code seed}.
     *
     * @throws IllegalArgumentException when {@code samples < 1} or the group cannot act on X
     */
    public static Deviation of(KernelFunction fn, Group group, INDArray x, int samples, long seed) {
        return cross(fn, group, x, x, samples, seed);
    }

    /**
     * The cross form: relative deviation of {@code K(τX1, τX2)} from {@code K(X1, X2)}, the same τ
     * applied to both batches; the reference scale is {@code max|K(X1, X2)|}.
     */
    public static Deviation cross(KernelFunction fn, Group group, INDArray x1, INDArray x2, int samples, long seed) {
        requireSamples(samples);
        Inputs.commonShape(x1, x2);
        return sampled(fn, group, x1, x2, kernel(fn, x1, x2), samples, seed);
    }

    /** As {@link #cross} with {@code reference = K(X1, X2)} already computed. */
    static Deviation sampled(KernelFunction fn, Group group, INDArray x1, INDArray x2, Kernel reference, int samples,
            long seed) {
        requireSamples(samples);
        InputShape shape = Inputs.commonShape(x1, x2);
        RandomGenerator rng = new SplittableRandom(seed);
        Deviation worst = null; // one element at a time: constant memory whatever the number of samples
        for (int s = 0; s < samples; s++) {
            Deviation d = of(fn, group.sample(rng, shape), x1, x2, reference);
            worst = worst == null ? d : worst.combine(d);
        }
        return worst;
    }

    /**
     * Relative deviation of {@code K(τX, τX)} from {@code K(X, X)} maximised over every element τ
     * of a finite group (exhaustive rather than sampled).
     */
    public static Deviation overAll(KernelFunction fn, FiniteGroup group, INDArray x) {
        return worst(fn, group.elements(Inputs.shapeOf(x, "x")), x, x, kernel(fn, x, x));
    }

    /**
     * Relative deviation of {@code K(τX1, τX2)} from {@code K(X1, X2)} maximised over every element τ
     * of a finite group, the same τ acting on both.
     */
    public static Deviation overAll(KernelFunction fn, FiniteGroup group, INDArray x1, INDArray x2) {
        return worst(fn, group.elements(Inputs.commonShape(x1, x2)), x1, x2, kernel(fn, x1, x2));
    }

    private static Deviation worst(KernelFunction fn, List<GroupElement> taus, INDArray x1, INDArray x2,
            Kernel reference) {
        Deviation worst = null;
        for (GroupElement tau : taus) {
            Deviation d = of(fn, tau, x1, x2, reference);
            worst = worst == null ? d : worst.combine(d);
        }
        return worst;
    }

    /** Relative deviation of {@code K(τX1, τX2)} from a precomputed {@code reference = K(X1, X2)} for one τ. */
    public static Deviation of(KernelFunction fn, GroupElement tau, INDArray x1, INDArray x2, Kernel reference) {
        INDArray t1 = tau.apply(x1);
        INDArray t2 = x2 == x1 ? t1 : tau.apply(x2);
        Kernel moved = kernel(fn, t1, t2);
        return new Deviation(relative(moved.nngp(), reference.nngp()), relative(moved.ntk(), reference.ntk()), 1);
    }

    /** K(X1, X2), taking Gram's symmetric path when X2 is X1. */
    static Kernel kernel(KernelFunction fn, INDArray x1, INDArray x2) {
        return x1 == x2 ? Gram.of(fn).compute(x1) : Gram.of(fn).compute(x1, x2);
    }

    /** {@code max|a − b| / max|b|}; NaN when either is absent; 0 when both are all zero. */
    static double relative(INDArray a, INDArray b) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        double scale = b.amaxNumber().doubleValue();
        double diff = a.sub(b).amaxNumber().doubleValue();
        return diff == 0 ? 0 : diff / scale;
    }

    /** @throws IllegalArgumentException unless {@code samples >= 1} */
    static void requireSamples(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("the number of group samples must be at least 1, got " + samples);
        }
    }
}

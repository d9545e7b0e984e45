package org.ntk4j.symmetry;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ntk4j.core.CompiledKernel;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.KernelFunction;

/**
 * The group-averaged (invariant) kernel of a base kernel K (paper, Sec. 4, "augment"):
 * {@code K_G(x, x') = 1/|G| Σ_g K(x, g·x')} for both the NNGP and the NTK — exact, by enumeration,
 * for a {@link FiniteGroup}; a Monte Carlo average over {@code samples} random elements (seeded,
 * drawn once per input shape) for a continuous group.
 *
 * <p>When K itself is G-invariant ({@code K(gx, gx') = K(x, x')}, e.g. a CIRCULAR GAP network
 * under translations or C4) the exact K_G is symmetric, positive semi-definite and invariant in
 * each argument separately: {@code K_G(hx, x') = K_G(x, hx') = K_G(x, x')}. The Monte Carlo form is
 * an unbiased estimate of each entry but is symmetric only in expectation; {@code Gram} fills the
 * lower triangle of {@code K_G(X, X)} from the upper one.
 *
 * <p>It is a {@link KernelFunction}, so {@code Gram.of(invariant).compute(x)} is blocked and
 * multithreaded as for any network. Cost: |G| base pairs per pair; memory: every input keeps the
 * base kernel's variance chain of each g·x (|G|+1 chains).
 */
public final class InvariantKernel implements KernelFunction {
    private final KernelFunction base;
    private final Group group;
    private final int samples;
    private final long seed;

    private InvariantKernel(KernelFunction base, Group group, int samples, long seed) {
        if (base == null || group == null) {
            throw new IllegalArgumentException("the base kernel and the group must not be null");
        }
        this.base = base;
        this.group = group;
        this.samples = samples;
        this.seed = seed;
    }

    /** The exact average over every element of a finite group. */
    public static InvariantKernel of(KernelFunction base, FiniteGroup group) {
        return new InvariantKernel(base, group, 0, 0);
    }

    /**
     * The Monte Carlo average over {@code samples} random elements of {@code group} drawn from a
     * generator seeded by {@code seed}.
     *
     * @throws IllegalArgumentException when {@code samples < 1}
     */
    public static InvariantKernel monteCarlo(KernelFunction base, Group group, int samples, long seed) {
        Invariance.requireSamples(samples);
        return new InvariantKernel(base, group, samples, seed);
    }

    /** The elements averaged over for inputs of {@code shape}. */
    public List<GroupElement> elements(InputShape shape) {
        if (samples == 0) {
            return ((FiniteGroup) group).elements(shape);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<GroupElement> out = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            out.add(group.sample(rng, shape));
        }
        return out;
    }

    /** The group averaged over. */
    public Group group() {
        return group;
    }

    @Override
    public CompiledKernel compile(InputShape inputShape) {
        return new GroupAveragedKernel(base.compile(inputShape), elements(inputShape));
    }

    @Override
    public String toString() {
        return "InvariantKernel[" + group.name() + (samples == 0 ? ", exact" : ", " + samples + " samples, seed " + seed) + "] of "
                + base;
    }
}

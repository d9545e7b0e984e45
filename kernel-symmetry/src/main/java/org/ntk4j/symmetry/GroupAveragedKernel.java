package org.ntk4j.symmetry;

import java.util.List;
import org.ntk4j.core.CompiledKernel;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.Workspace;

/**
 * {@link InvariantKernel} compiled for one input shape: {@code K_G(x, x') = mean_g K(x, g·x')} over
 * a fixed list of elements. An input's chain holds the base kernel's chain of x followed by that of
 * every g·x. Per-thread scratch buffers live in a thread-local.
 */
final class GroupAveragedKernel implements CompiledKernel {
    private final CompiledKernel base;
    private final GroupElement[] elements;
    private final int baseChain;
    private final int outLength;
    private final ThreadLocal<Scratch> scratch;

    GroupAveragedKernel(CompiledKernel base, List<GroupElement> elements) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("a group average needs at least one element");
        }
        this.base = base;
        this.elements = elements.toArray(new GroupElement[0]);
        this.baseChain = base.chainLength();
        this.outLength = base.outputShape().length();
        int size = base.inputShape().size();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(size, baseChain, outLength));
    }

    @Override
    public InputShape inputShape() {
        return base.inputShape();
    }

    @Override
    public KernelShape outputShape() {
        return base.outputShape();
    }

    @Override
    public int chainLength() {
        return Math.multiplyExact(baseChain, elements.length + 1);
    }

    @Override
    public Workspace newWorkspace() {
        return base.newWorkspace();
    }

    @Override
    public void self(double[] x, double[] chain, Workspace ws, double[] outNngp, double[] outNtk, int offset) {
        Scratch s = scratch.get();
        double[] discardNtk = outNtk == null ? null : s.discardNtk;
        base.self(x, s.chain1, ws, s.discardNngp, discardNtk, 0);
        System.arraycopy(s.chain1, 0, chain, 0, baseChain);
        s.clearSums();
        for (int i = 0; i < elements.length; i++) {
            elements[i].applyTo(x, s.gx);
            base.self(s.gx, s.chain2, ws, s.discardNngp, discardNtk, 0);
            System.arraycopy(s.chain2, 0, chain, (i + 1) * baseChain, baseChain);
            s.accumulate(base, x, s.chain1, ws, outNtk != null);
        }
        s.writeMean(elements.length, outNngp, outNtk, offset, outLength);
    }

    @Override
    public void pair(double[] x1, double[] chain1, double[] x2, double[] chain2, Workspace ws, double[] outNngp,
            double[] outNtk, int offset) {
        Scratch s = scratch.get();
        System.arraycopy(chain1, 0, s.chain1, 0, baseChain);
        s.clearSums();
        for (int i = 0; i < elements.length; i++) {
            elements[i].applyTo(x2, s.gx);
            System.arraycopy(chain2, (i + 1) * baseChain, s.chain2, 0, baseChain);
            s.accumulate(base, x1, s.chain1, ws, outNtk != null);
        }
        s.writeMean(elements.length, outNngp, outNtk, offset, outLength);
    }

    /** One thread's buffers: g·x, two base chains, one base output and the running sums. */
    private static final class Scratch {
        final double[] gx;
        final double[] chain1;
        final double[] chain2;
        final double[] pairNngp;
        final double[] pairNtk;
        final double[] discardNngp;
        final double[] discardNtk;
        final double[] sumNngp;
        final double[] sumNtk;

        Scratch(int size, int chain, int out) {
            gx = new double[size];
            chain1 = new double[chain];
            chain2 = new double[chain];
            pairNngp = new double[out];
            pairNtk = new double[out];
            discardNngp = new double[out];
            discardNtk = new double[out];
            sumNngp = new double[out];
            sumNtk = new double[out];
        }

        void clearSums() {
            java.util.Arrays.fill(sumNngp, 0);
            java.util.Arrays.fill(sumNtk, 0);
        }

        /** Adds K(x, gx) (gx and its chain already in place) to the sums. */
        void accumulate(CompiledKernel base, double[] x, double[] xChain, Workspace ws, boolean ntk) {
            base.pair(x, xChain, gx, chain2, ws, pairNngp, ntk ? pairNtk : null, 0);
            for (int j = 0; j < sumNngp.length; j++) {
                sumNngp[j] += pairNngp[j];
                sumNtk[j] += pairNtk[j];
            }
        }

        void writeMean(int count, double[] outNngp, double[] outNtk, int offset, int length) {
            for (int j = 0; j < length; j++) {
                outNngp[offset + j] = sumNngp[j] / count;
                if (outNtk != null) {
                    outNtk[offset + j] = sumNtk[j] / count;
                }
            }
        }
    }
}

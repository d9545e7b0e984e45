package org.ntk4j.layers;

import java.util.Arrays;
import java.util.List;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.core.Workspace;

/**
 * A node that joins its input branches into one output of the same spatial shape (FanInSum,
 * FanInConcat, FanInProd): every branch is held in the storage the output needs, and the branches'
 * kernels are combined into the first state.
 */
abstract class JoinNode extends Node {
    private final KernelShape out;
    private final int branches;
    private KernelShape fixedOut;

    JoinNode(KernelShape out, int branches) {
        this.out = out;
        this.branches = branches;
        this.fixedOut = out;
    }

    /** Combines the branches' kernels (their first {@code len} entries) into {@code states[0]}. */
    abstract void combine(KernelState[] states, int len);

    @Override
    public final List<KernelShape> outputs() {
        return List.of(out);
    }

    @Override
    public final boolean[] needsFull(boolean[] fullOut) {
        boolean[] need = new boolean[branches];
        Arrays.fill(need, fullOut[0]);
        return need;
    }

    @Override
    public final void fix(boolean[] fullIn, boolean[] fullOut, Compilation c) {
        fixedOut = out.withFull(fullOut[0]);
        c.needCapacity(fixedOut.length());
    }

    @Override
    public final KernelState[] apply(KernelState[] states, Workspace ws) {
        KernelState k = states[0];
        combine(states, k.shape().length());
        k.setShape(fixedOut);
        return new KernelState[] {k};
    }
}

package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.core.Workspace;

/**
 * Two steps run as one sweep over the pair's P×P covariance: a convolution whose last pass hands
 * each finished row to the nonlinearity after it. Saves a full read and write of the nngp and ntk
 * buffers per layer; the numbers are bit-identical to running the steps one after the other, which
 * is what a recording pass (x, x) does, since it must store variances before the nonlinearity.
 */
final class FusedNode extends Node {
    private final Step first;
    private final Step second;

    FusedNode(Step first, Step second) {
        if (!first.fusesEpilogue() || !(second instanceof RowEpilogue)) {
            throw new IllegalArgumentException("cannot fuse " + first + " with " + second);
        }
        this.first = first;
        this.second = second;
    }

    @Override
    public List<KernelShape> outputs() {
        return List.of(second.out());
    }

    @Override
    public boolean[] needsFull(boolean[] fullOut) {
        return new boolean[] {first.needsFull(second.needsFull(fullOut[0]))};
    }

    @Override
    public void fix(boolean[] fullIn, boolean[] fullOut, Compilation c) {
        // Built from steps that are already fixed.
    }

    @Override
    public KernelState[] apply(KernelState[] in, Workspace ws) {
        KernelState k = in[0];
        if (k.recording()) {
            first.apply(k);
            second.apply(k);
        } else {
            first.applyFused(k, (RowEpilogue) second);
        }
        return in;
    }
}

package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.core.Workspace;

/** Base of layers that take one input branch and give one: their whole compiled form is a {@link Step}. */
abstract class SingleLayer implements Layer {
    /** The shape rule: checks {@code in} and returns this layer bound to it. */
    abstract Step step(KernelShape in, String where);

    @Override
    public final Node bind(List<KernelShape> in, String path) {
        String where = LayerSupport.where(this, path);
        if (in.size() != 1) {
            throw new IllegalArgumentException(where + " takes one input but receives " + in.size()
                    + " branches; join them first with fanInSum() or fanInConcat()");
        }
        return new StepNode(step(in.get(0), where));
    }

    /** Wraps a step as a one-branch node. */
    static final class StepNode extends Node {
        private final Step step;

        StepNode(Step step) {
            this.step = step;
        }

        Step step() {
            return step;
        }

        @Override
        public List<KernelShape> outputs() {
            return List.of(step.out());
        }

        @Override
        public boolean[] needsFull(boolean[] fullOut) {
            return new boolean[] {step.needsFull(fullOut[0])};
        }

        @Override
        public void fix(boolean[] fullIn, boolean[] fullOut, Compilation c) {
            step.fix(fullIn[0], fullOut[0], c);
        }

        @Override
        public KernelState[] apply(KernelState[] in, Workspace ws) {
            step.apply(in[0]);
            return in;
        }
    }
}

package org.ntk4j.layers;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.core.Workspace;
import org.ntk4j.layers.spec.LayerType;

/** Copies one input into {@code n} branches (for {@link Parallel} and the fan-in layers). */
public final class FanOut implements Layer {
    /** JSON spec type {@code FanOut}: num. */
    static final List<LayerType> SPEC = List.of(new LayerType("FanOut", Set.of("num"), f -> new FanOut(f.requiredInt("num"))));

    private final int n;

    FanOut(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FanOut: number of branches must be positive, got " + n);
        }
        this.n = n;
    }

    /** The number of branches. */
    public int branches() {
        return n;
    }

    @Override
    public Node bind(List<KernelShape> in, String path) {
        if (in.size() != 1) {
            throw new IllegalArgumentException(LayerSupport.where(this, path) + " takes one input but receives "
                    + in.size() + " branches");
        }
        KernelShape shape = in.get(0);
        return new Node() {
            private boolean fullIn;
            private boolean[] fullOut;

            @Override
            public List<KernelShape> outputs() {
                return Collections.nCopies(n, shape);
            }

            @Override
            public boolean[] needsFull(boolean[] out) {
                boolean any = false;
                for (boolean b : out) {
                    any |= b;
                }
                return new boolean[] {any};
            }

            @Override
            public void fix(boolean[] in, boolean[] out, Compilation c) {
                fullIn = in[0];
                fullOut = out.clone();
                c.needCapacity(shape.withFull(fullIn).length());
            }

            @Override
            public KernelState[] apply(KernelState[] in, Workspace ws) {
                KernelState[] out = new KernelState[n];
                out[0] = in[0];
                for (int i = 1; i < n; i++) {
                    out[i] = ws.borrow();
                    out[i].copyFrom(in[0]);
                }
                for (int i = 0; i < n; i++) {
                    if (fullIn && !fullOut[i]) {
                        out[i].keepDiagonal();
                    }
                }
                return out;
            }
        };
    }

    @Override
    public boolean scalarPairs() {
        return true;
    }

    @Override
    public String toString() {
        return "FanOut(" + n + ")";
    }
}

package org.ntk4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.core.Workspace;
import org.ntk4j.layers.spec.LayerType;

/** Applies layer {@code i} to branch {@code i} (after {@link FanOut}); each branch stays one branch. */
public final class Parallel implements Layer {
    /** JSON spec type {@code Parallel}: layers (one per branch). */
    static final List<LayerType> SPEC = List.of(new LayerType("Parallel", Set.of("layers"),
            f -> new Parallel(f.layers("layers"))));

    private final List<Layer> layers;

    Parallel(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("parallel() needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    /** The layers, one per branch. */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public Node bind(List<KernelShape> in, String path) {
        if (in.size() != layers.size()) {
            throw new IllegalArgumentException(LayerSupport.where(this, path) + " has " + layers.size()
                    + " branches but receives " + in.size() + " inputs; put fanOut(" + layers.size() + ") before it");
        }
        List<Node> nodes = new ArrayList<>();
        List<KernelShape> outs = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Node node = layers.get(i).bind(List.of(in.get(i)), LayerSupport.child(path, i));
            if (node.outputs().size() != 1) {
                throw new IllegalArgumentException(LayerSupport.where(this, path) + ": branch " + i + " must end in one "
                        + "branch but ends in " + node.outputs().size());
            }
            nodes.add(node);
            outs.add(node.outputs().get(0));
        }
        return new Node() {
            @Override
            public List<KernelShape> outputs() {
                return outs;
            }

            @Override
            public boolean[] needsFull(boolean[] fullOut) {
                boolean[] need = new boolean[nodes.size()];
                for (int i = 0; i < need.length; i++) {
                    need[i] = nodes.get(i).needsFull(new boolean[] {fullOut[i]})[0];
                }
                return need;
            }

            @Override
            public void fix(boolean[] fullIn, boolean[] fullOut, Compilation c) {
                for (int i = 0; i < nodes.size(); i++) {
                    nodes.get(i).fix(new boolean[] {fullIn[i]}, new boolean[] {fullOut[i]}, c);
                }
            }

            @Override
            public KernelState[] apply(KernelState[] states, Workspace ws) {
                KernelState[] out = new KernelState[states.length];
                for (int i = 0; i < states.length; i++) {
                    out[i] = nodes.get(i).apply(new KernelState[] {states[i]}, ws)[0];
                }
                return out;
            }
        };
    }

    /** True when every layer in it is (see {@link Layer#exchangeSymmetric}). */
    @Override
    public boolean exchangeSymmetric() {
        return layers.stream().allMatch(Layer::exchangeSymmetric);
    }

    /** True when every layer in it is (see {@link Layer#scalarPairs}). */
    @Override
    public boolean scalarPairs() {
        return layers.stream().allMatch(Layer::scalarPairs);
    }

    @Override
    public String toString() {
        return LayerSupport.listString("parallel", layers);
    }
}

package org.ntk4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.core.Workspace;
import org.ntk4j.layers.spec.LayerType;

/** Layers applied one after another: the kernel is the composition of their kernels. */
public final class Serial implements Layer {
    /** JSON spec type {@code Serial}: layers. */
    static final List<LayerType> SPEC = List.of(new LayerType("Serial", Set.of("layers"),
            f -> new Serial(f.layers("layers"))));

    private final List<Layer> layers;

    Serial(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("serial() needs at least one layer");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null) {
                throw new IllegalArgumentException("serial(): layer " + i + " is null");
            }
        }
        this.layers = List.copyOf(layers);
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public Node bind(List<KernelShape> in, String path) {
        List<Node> nodes = new ArrayList<>();
        List<KernelShape> cur = in;
        for (int i = 0; i < layers.size(); i++) {
            Node n = layers.get(i).bind(cur, LayerSupport.child(path, i));
            nodes.add(n);
            cur = n.outputs();
        }
        return new SerialNode(nodes);
    }

    private static final class SerialNode extends Node {
        private final List<Node> nodes;
        /** The nodes as run: {@link #nodes} with fusable neighbours merged (set by {@link #fix}). */
        private List<Node> run;

        SerialNode(List<Node> nodes) {
            this.nodes = nodes;
            this.run = nodes;
        }

        @Override
        public List<KernelShape> outputs() {
            return nodes.get(nodes.size() - 1).outputs();
        }

        /** Storage needed at every edge, walking back from the output: edges[i] is the input of node i. */
        private boolean[][] edges(boolean[] fullOut) {
            boolean[][] e = new boolean[nodes.size() + 1][];
            e[nodes.size()] = fullOut;
            for (int i = nodes.size() - 1; i >= 0; i--) {
                e[i] = nodes.get(i).needsFull(e[i + 1]);
            }
            return e;
        }

        @Override
        public boolean[] needsFull(boolean[] fullOut) {
            return edges(fullOut)[0];
        }

        @Override
        public void fix(boolean[] fullIn, boolean[] fullOut, Compilation c) {
            boolean[][] e = edges(fullOut);
            for (int i = 0; i < nodes.size(); i++) {
                nodes.get(i).fix(e[i], e[i + 1], c);
            }
            run = c.fuse() ? fused(nodes) : nodes;
        }

        /** Merges each step that fuses an epilogue with a following row-wise step. */
        private static List<Node> fused(List<Node> nodes) {
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                Node n = nodes.get(i);
                if (i + 1 < nodes.size() && n instanceof SingleLayer.StepNode a && a.step().fusesEpilogue()
                        && nodes.get(i + 1) instanceof SingleLayer.StepNode b && b.step() instanceof RowEpilogue) {
                    out.add(new FusedNode(a.step(), b.step()));
                    i++;
                } else {
                    out.add(n);
                }
            }
            return out;
        }

        @Override
        public KernelState[] apply(KernelState[] in, Workspace ws) {
            KernelState[] cur = in;
            for (Node n : run) {
                cur = n.apply(cur, ws);
            }
            return cur;
        }
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
        return LayerSupport.listString("serial", layers);
    }
}

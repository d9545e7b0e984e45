package org.ntk4j.symmetry;

import static org.ntk4j.layers.Layers.avgPool;
import static org.ntk4j.layers.Layers.conv;
import static org.ntk4j.layers.Layers.convLocal;
import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.flatten;
import static org.ntk4j.layers.Layers.globalAvgPool;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.core.Padding;
import org.ntk4j.layers.Layer;

/**
 * Hyper-parameters of the paper's infinite-width architectures (Sec. 3.1 and 5.1): {@code depth}
 * hidden layers of ReLU, weight variance {@code wVar = σw²}, bias variance {@code bVar = σb²}, square
 * {@code filter × filter} CIRCULAR convolutions and a {@code pool × pool} stride-{@code pool} LAP
 * window. The paper's Fig. 2 uses depth 8, σw² = 2, σb² = 0.01, 3×3 filters; {@link #paper()} has
 * those, {@link #small()} the same with 2 hidden layers.
 */
public record PaperNetworks(int depth, double wVar, double bVar, int filter, int pool) {
    /** Checks every hyper-parameter. */
    public PaperNetworks {
        if (depth < 1 || filter < 1 || pool < 1) {
            throw new IllegalArgumentException("depth, filter and pool must be positive, got depth " + depth
                    + ", filter " + filter + ", pool " + pool);
        }
        if (!(wVar >= 0) || !(bVar >= 0) || Double.isInfinite(wVar) || Double.isInfinite(bVar)) {
            throw new IllegalArgumentException("weight and bias variances must be finite and non-negative, got "
                    + wVar + ", " + bVar);
        }
    }

    /** Fig. 2: 8 hidden layers, σw² = 2, σb² = 0.01, 3×3 filters, LAP window 2. */
    public static PaperNetworks paper() {
        return new PaperNetworks(8, 2, 0.01, 3, 2);
    }

    /** As {@link #paper()} with 2 hidden layers (fast enough for tests). */
    public static PaperNetworks small() {
        return paper().withDepth(2);
    }

    /** The same with {@code d} hidden layers. */
    public PaperNetworks withDepth(int d) {
        return new PaperNetworks(d, wVar, bVar, filter, pool);
    }

    /** The same with a {@code k × k}, stride-k LAP window (k must divide the image side). */
    public PaperNetworks withPool(int k) {
        return new PaperNetworks(depth, wVar, bVar, filter, k);
    }

    /** The infinite-width network of {@code architecture} (output width 1; widths do not enter the NTK parameterisation). */
    public Layer network(Architecture architecture) {
        return network(architecture, 1);
    }

    /**
     * The network of {@code architecture} with {@code width} channels (units) in every hidden layer
     * and a one-unit Dense readout: the finite network {@code FCN_n}, {@code VEC_n}, ... of the
     * paper for {@link org.ntk4j.layers.finite.FiniteNetwork}; its infinite-width kernels are those
     * of {@link #network(Architecture)}.
     *
     * @throws IllegalArgumentException when {@code width < 1}
     */
    public Layer network(Architecture architecture, int width) {
        List<Layer> layers = new ArrayList<>(hidden(architecture, width));
        layers.addAll(readout(architecture));
        return serial(layers);
    }

    /**
     * The layers up to the last hidden ReLU: {@code depth} pairs (affine layer of {@code width}
     * outputs, ReLU), preceded by Flatten for FCN.
     *
     * @throws IllegalArgumentException when {@code width < 1}
     */
    public List<Layer> hidden(Architecture architecture, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive, got " + width);
        }
        double w = Math.sqrt(wVar);
        double b = Math.sqrt(bVar);
        List<Layer> layers = new ArrayList<>();
        if (architecture == Architecture.FCN) {
            layers.add(flatten());
        }
        for (int i = 0; i < depth; i++) {
            layers.add(switch (architecture) {
                case FCN -> dense(width, w, b);
                case LCN -> convLocal(width, filter, filter).padding(Padding.CIRCULAR).wStd(w).bStd(b);
                case VEC, GAP, LAP -> conv(width, filter, filter).padding(Padding.CIRCULAR).wStd(w).bStd(b);
            });
            layers.add(relu());
        }
        return layers;
    }

    /** The readout after the last hidden layer: Flatten (LCN, VEC), GlobalAvgPool (GAP) or AvgPool and Flatten (LAP), then Dense(1). */
    public List<Layer> readout(Architecture architecture) {
        List<Layer> layers = new ArrayList<>();
        switch (architecture) {
            case LCN, VEC -> layers.add(flatten());
            case GAP -> layers.add(globalAvgPool());
            case LAP -> {
                layers.add(avgPool(pool, pool).strides(pool, pool));
                layers.add(flatten());
            }
            case FCN -> {
            }
        }
        layers.add(dense(1, Math.sqrt(wVar), Math.sqrt(bVar)));
        return layers;
    }

    /**
     * The network spec of {@link #network(Architecture)} in neural-tangents' layer names and keys
     * (the JSON {@code bin/ntk4j kernel --spec} and {@code org.ntk4j.spark.SparkGram} read), e.g.
     * {@code {"layers": [{"type": "Conv", "out_chan": 1, "filter_shape": [3, 3], "padding": "CIRCULAR",
     * "W_std": 1.414..., "b_std": 0.1}, {"type": "Relu"}, ...]}}. Standard deviations are written with
     * {@link Double#toString}, which reads back to the same double, so the parsed network is this one
     * (the same fingerprint: checkpoints and Spark tile directories are shared).
     */
    public String spec(Architecture architecture) {
        String w = Double.toString(Math.sqrt(wVar));
        String b = Double.toString(Math.sqrt(bVar));
        List<String> layers = new ArrayList<>();
        if (architecture == Architecture.FCN) {
            layers.add("{\"type\": \"Flatten\"}");
        }
        for (int i = 0; i < depth; i++) {
            layers.add(switch (architecture) {
                case FCN -> "{\"type\": \"Dense\", \"out_dim\": 1, \"W_std\": " + w + ", \"b_std\": " + b + "}";
                case LCN, VEC, GAP, LAP -> "{\"type\": \"" + (architecture == Architecture.LCN ? "ConvLocal" : "Conv")
                        + "\", \"out_chan\": 1, \"filter_shape\": [" + filter + ", " + filter
                        + "], \"padding\": \"CIRCULAR\", \"W_std\": " + w + ", \"b_std\": " + b + "}";
            });
            layers.add("{\"type\": \"Relu\"}");
        }
        switch (architecture) {
            case LCN, VEC -> layers.add("{\"type\": \"Flatten\"}");
            case GAP -> layers.add("{\"type\": \"GlobalAvgPool\"}");
            case LAP -> {
                layers.add("{\"type\": \"AvgPool\", \"window_shape\": [" + pool + ", " + pool + "], \"strides\": ["
                        + pool + ", " + pool + "]}");
                layers.add("{\"type\": \"Flatten\"}");
            }
            case FCN -> {
            }
        }
        layers.add("{\"type\": \"Dense\", \"out_dim\": 1, \"W_std\": " + w + ", \"b_std\": " + b + "}");
        return "{\"layers\": [\n  " + String.join(",\n  ", layers) + "\n]}\n";
    }

    /**
     * The groups Theorem 4.1 says the kernel of {@code architecture} is invariant under (each with
     * all its subgroups): FCN O(Cd); LCN and VEC O(C)^d and translations; GAP O(C)⊗I_d and
     * translations; LAP O(C)⊗I_d and translations by multiples of its window.
     */
    public List<Group> invariances(Architecture architecture) {
        return switch (architecture) {
            case FCN -> List.of(Groups.orthogonal());
            case LCN, VEC -> List.of(Groups.pixelwiseOrthogonal(), Groups.translation());
            case GAP -> List.of(Groups.sharedOrthogonal(), Groups.translation());
            case LAP -> List.of(Groups.sharedOrthogonal(), Groups.translation(pool));
        };
    }

    /** Whether Theorem 4.1 predicts the kernel of {@code architecture} to be invariant under {@code group}. */
    public boolean predictsInvariance(Architecture architecture, Group group) {
        return invariances(architecture).stream().anyMatch(g -> g.contains(group));
    }
}

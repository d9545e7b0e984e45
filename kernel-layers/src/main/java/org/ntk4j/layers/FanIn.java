package org.ntk4j.layers;

import java.util.Arrays;
import java.util.List;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.layers.spec.LayerType;

/**
 * Joins branches into one, assuming independent branches (each with its own Dense/Conv layers).
 * <ul>
 *   <li>{@code FanInSum}: {@code K' = Σ_i K_i}, {@code Θ' = Σ_i Θ_i}; every branch must be Gaussian
 *       and all shapes equal.</li>
 *   <li>{@code FanInConcat} (channel axis): {@code K' = Σ_i c_i·K_i / Σ_i c_i} with {@code c_i} the
 *       branch channel counts (the plain mean when they are equal), likewise Θ'. Channels add up;
 *       the output is not Gaussian, so a nonlinearity cannot follow directly (as in neural-tangents).</li>
 * </ul>
 */
public final class FanIn implements Layer {
    /** JSON spec types {@code FanInSum} and {@code FanInConcat}. */
    static final List<LayerType> SPEC = List.of(LayerType.of("FanInSum", Layers::fanInSum),
            LayerType.of("FanInConcat", Layers::fanInConcat));

    private final boolean concat;

    private FanIn(boolean concat) {
        this.concat = concat;
    }

    static final FanIn SUM = new FanIn(false);
    static final FanIn CONCAT = new FanIn(true);

    /** True for FanInConcat (channel concatenation), false for FanInSum. */
    public boolean concatenates() {
        return concat;
    }

    @Override
    public Node bind(List<KernelShape> in, String path) {
        String where = LayerSupport.where(this, path);
        KernelShape first = in.get(0);
        boolean allGaussian = true;
        int channels = 0;
        double[] weights = new double[in.size()];
        boolean equalWidths = true;
        for (int i = 0; i < in.size(); i++) {
            KernelShape s = in.get(i);
            boolean sameShape = Arrays.equals(s.spatial(), first.spatial()) && (concat || s.channels() == first.channels());
            if (!sameShape) {
                throw new IllegalArgumentException(where + ": branch " + i + " has shape " + s.activationShape()
                        + " but branch 0 has " + first.activationShape() + "; "
                        + (concat ? "spatial dims must match" : "all shapes must match"));
            }
            allGaussian &= s.gaussian();
            channels += s.channels();
            weights[i] = s.channels();
            equalWidths &= s.channels() == first.channels();
        }
        if (!concat && in.size() > 1 && !allGaussian) {
            throw new IllegalArgumentException(where + ": every branch must be Gaussian (end in a Dense, Conv or "
                    + "pooling layer), but a branch ends in a nonlinearity or Flatten");
        }
        if (equalWidths) {
            Arrays.fill(weights, 1.0);
        }
        double weightSum = Arrays.stream(weights).sum();
        KernelShape out = concat ? first.withChannels(channels).producedBy("FanInConcat", false)
                : first.producedBy("FanInSum", allGaussian);
        return new JoinNode(out, in.size()) {
            @Override
            void combine(KernelState[] states, int len) {
                KernelState k = states[0];
                if (concat) {
                    k.scale(len, weights[0]);
                }
                for (int i = 1; i < states.length; i++) {
                    k.addScaled(states[i], len, concat ? weights[i] : 1.0);
                }
                if (concat) {
                    k.scale(len, 1.0 / weightSum);
                }
            }
        };
    }

    @Override
    public boolean scalarPairs() {
        return true;
    }

    @Override
    public String toString() {
        return concat ? "FanInConcat()" : "FanInSum()";
    }
}

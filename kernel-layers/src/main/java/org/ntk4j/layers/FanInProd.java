package org.ntk4j.layers;

import java.util.Arrays;
import java.util.List;
import org.ntk4j.core.KernelProducts;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.layers.spec.LayerType;

/**
 * Joins branches by their entrywise product, as neural-tangents' {@code FanInProd}: at finite width
 * {@code y = Π_i x_i}, with independent branches (each with its own Dense/Conv layers).
 *
 * <p>Kernel: {@code K' = Π_i K_i}, {@code Θ' = Σ_i Θ_i·Π_{j≠i} K_j} (the product rule, accumulated
 * branch by branch as {@code Θ ← Θ·K_i + K·Θ_i}, {@code K ← K·K_i}); the self-covariances likewise.
 * All branch shapes must be equal. The output is not Gaussian for two or more branches: a
 * nonlinearity cannot follow directly (put a Dense or Conv layer first).
 */
public final class FanInProd implements Layer {
    /** JSON spec type {@code FanInProd}. */
    static final List<LayerType> SPEC = List.of(LayerType.of("FanInProd", Layers::fanInProd));

    static final FanInProd INSTANCE = new FanInProd();

    private FanInProd() {
    }

    @Override
    public Node bind(List<KernelShape> in, String path) {
        String where = LayerSupport.where(this, path);
        KernelShape first = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            KernelShape s = in.get(i);
            if (!Arrays.equals(s.spatial(), first.spatial()) || s.channels() != first.channels()) {
                throw new IllegalArgumentException(where + ": branch " + i + " has shape " + s.activationShape()
                        + " but branch 0 has " + first.activationShape() + "; all shapes must match");
            }
        }
        KernelShape out = first.producedBy("FanInProd", in.size() == 1 && first.gaussian());
        return new JoinNode(out, in.size()) {
            @Override
            void combine(KernelState[] states, int len) {
                for (int i = 1; i < states.length; i++) {
                    KernelProducts.multiplyInto(states[0], states[i], len);
                }
            }
        };
    }

    /** Entrywise on scalar pairs: usable in FCN blocks. */
    @Override
    public boolean scalarPairs() {
        return true;
    }

    @Override
    public String toString() {
        return "FanInProd()";
    }
}

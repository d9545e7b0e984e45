package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.core.KernelShape;
import org.ntk4j.layers.finite.FiniteFace;
import org.ntk4j.layers.spec.LayerType;

/**
 * Global sum pooling over all spatial positions, as neural-tangents' {@code GlobalSumPool}:
 * {@code y = Σ_p x[p]}.
 *
 * <p>Kernel: {@code K' = Σ_{p,p'} K[p,p']}, which is {@link GlobalAvgPool}'s kernel times
 * {@code P²} (likewise the ntk), computed as exactly that. Needs the full spatial covariance; the
 * output has no spatial dims and keeps the channel count.
 */
public final class GlobalSumPool extends SingleLayer {
    /** JSON spec type {@code GlobalSumPool}. */
    static final List<LayerType> SPEC = List.of(LayerType.of("GlobalSumPool", Layers::globalSumPool));

    static final GlobalSumPool INSTANCE = new GlobalSumPool();

    private GlobalSumPool() {
    }

    @Override
    Step step(KernelShape in, String where) {
        double p = in.positions();
        return SumPool.scaled(GlobalAvgPool.INSTANCE.step(in, where), "GlobalSumPool", p * p);
    }

    /** Finite width: the sum over all positions. */
    @Override
    public FiniteFace finite() {
        return FiniteFace.globalPool(true);
    }

    @Override
    public String toString() {
        return "GlobalSumPool()";
    }
}

package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.layers.finite.FiniteFace;
import org.ntk4j.layers.spec.LayerType;

/**
 * Global average pooling over all spatial positions (the GAP readout).
 *
 * <p>Kernel: {@code K' = 1/P² Σ_{p,p'} K[p,p']}, the mean over all pairs of positions; it needs the
 * full spatial covariance. The output has no spatial dims and keeps the channel count.
 */
public final class GlobalAvgPool extends SingleLayer {
    /** JSON spec type {@code GlobalAvgPool}. */
    static final List<LayerType> SPEC = List.of(LayerType.of("GlobalAvgPool", Layers::globalAvgPool));

    static final GlobalAvgPool INSTANCE = new GlobalAvgPool();

    private GlobalAvgPool() {
    }

    @Override
    Step step(KernelShape in, String where) {
        if (in.rank() == 0) {
            throw new IllegalArgumentException(where + ": pooling needs spatial dims, but the input has shape "
                    + in.activationShape() + " (none left: after " + in.source() + ")");
        }
        KernelShape out = in.withSpatial(new int[0]).producedBy("GlobalAvgPool", in.gaussian());
        return new Step(in, out) {
            @Override
            public boolean needsFull(boolean fullOut) {
                return true;
            }

            @Override
            public void apply(KernelState k) {
                int len = this.in.length();
                k.meanToFirst(len);
                k.setShape(this.out);
            }
        };
    }

    /** Finite width: the mean over all positions. */
    @Override
    public FiniteFace finite() {
        return FiniteFace.globalPool(false);
    }

    @Override
    public String toString() {
        return "GlobalAvgPool()";
    }
}

package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.layers.finite.FiniteFace;
import org.ntk4j.layers.spec.LayerType;

/**
 * Flattens all spatial positions and channels into one feature axis (the VEC / LCN readout).
 *
 * <p>Kernel: the mean over the spatial diagonal, {@code K' = 1/P Σ_p K[p,p]}, so it only needs the
 * diagonal. Its output is not Gaussian in neural-tangents' sense: a nonlinearity right after it is
 * an error; put a Dense layer first. The output has {@code C·P} channels.
 */
public final class Flatten extends SingleLayer {
    /** JSON spec type {@code Flatten}. */
    static final List<LayerType> SPEC = List.of(LayerType.of("Flatten", Layers::flatten));

    static final Flatten INSTANCE = new Flatten();

    private Flatten() {
    }

    @Override
    Step step(KernelShape in, String where) {
        KernelShape out = in.withSpatial(new int[0]).withChannels(in.channels() * in.positions())
                .producedBy("Flatten", false);
        return new Step(in, out) {
            @Override
            public boolean needsFull(boolean fullOut) {
                return false;
            }

            @Override
            public void apply(KernelState k) {
                int p = this.in.positions();
                k.meanToFirst(p);
                k.setShape(this.out);
            }
        };
    }

    /** Finite width: the reshape to {@code P·C} features. */
    @Override
    public FiniteFace finite() {
        return FiniteFace.flatten();
    }

    @Override
    public String toString() {
        return "Flatten()";
    }
}

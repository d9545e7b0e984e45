package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.layers.finite.FiniteFace;
import org.ntk4j.layers.spec.LayerType;

/** The identity layer: {@code K' = K}, {@code Θ' = Θ}. Useful as the skip branch of a residual block. */
public final class Identity extends SingleLayer {
    /** JSON spec type {@code Identity}. */
    static final List<LayerType> SPEC = List.of(LayerType.of("Identity", Layers::identity));

    static final Identity INSTANCE = new Identity();

    private Identity() {
    }

    @Override
    Step step(KernelShape in, String where) {
        return new Step(in, in) {
            @Override
            public void apply(KernelState k) {
                k.setShape(this.out);
            }
        };
    }

    @Override
    public boolean scalarPairs() {
        return true;
    }

    /** Finite width: the identity. */
    @Override
    public FiniteFace finite() {
        return FiniteFace.identity();
    }

    @Override
    public String toString() {
        return "Identity()";
    }
}

package org.ntk4j.layers;

import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;

/** The identity layer: {@code K' = K}, {@code Θ' = Θ}. Useful as the skip branch of a residual block. */
public final class Identity extends SingleLayer {
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
    public String toString() {
        return "Identity()";
    }
}

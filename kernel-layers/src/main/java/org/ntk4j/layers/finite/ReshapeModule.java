package org.ntk4j.layers.finite;

import org.ntk4j.core.InputShape;

/**
 * Flatten ({@code (P, C) → (P·C)} features in channels-last order, as a NumPy reshape of NHWC) and
 * Identity (same shape): the data is unchanged, only its per-example shape; so is the cotangent's.
 */
final class ReshapeModule extends SingleModule {
    ReshapeModule(InputShape in, InputShape out) {
        super(in, out);
    }

    @Override
    Pass pass(Params params, Batch x) {
        return new Pass(x.reshape(out), (cot, gram) -> cot.reshape(in));
    }
}

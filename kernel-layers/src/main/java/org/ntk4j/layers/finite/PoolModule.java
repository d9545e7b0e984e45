package org.ntk4j.layers.finite;

import org.ntk4j.core.InputShape;

/**
 * AvgPool and GlobalAvgPool at finite width: {@code y[n, o, c] = Σ_t ω(o,t)·x[n, index(o,t), c]}
 * with {@code ω = 1/|window|} (or {@code 1/non-padded taps} with normalize_edges at SAME edges;
 * CIRCULAR wraps); GlobalAvgPool is one window over all P positions, {@code ω = 1/P}. No parameters;
 * the backward pass is the adjoint map.
 */
final class PoolModule extends SingleModule {
    private final Taps taps;

    PoolModule(InputShape in, Taps taps) {
        super(in, new InputShape(taps.spatialOut, in.channels()));
        this.taps = taps;
    }

    @Override
    Pass pass(Params params, Batch x) {
        int c = in.channels();
        Batch y = new Batch(taps.sumTaps(taps.im2col(x.data(), x.n(), c), x.n(), c), x.n(), out);
        return new Pass(y, (cot, gram) -> {
            return new Batch(taps.col2im(taps.spreadTaps(cot.data(), cot.n(), c), cot.n(), c), cot.n(), in);
        });
    }
}

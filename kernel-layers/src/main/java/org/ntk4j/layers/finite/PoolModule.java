package org.ntk4j.layers.finite;

import org.ntk4j.core.InputShape;

/**
 * AvgPool and GlobalAvgPool at finite width: {@code y[n, o, c] = Σ_t ω(o,t)·x[n, index(o,t), c]}
 * with {@code ω = 1/|window|} (or {@code 1/non-padded taps} with normalize_edges at SAME edges;
 * CIRCULAR wraps); GlobalAvgPool is one window over all P positions, {@code ω = 1/P}. SumPool and
 * GlobalSumPool are the same averages times {@code scale = |window|} (resp. P), i.e. weight 1 per
 * non-padded tap. No parameters; the backward pass is the adjoint map.
 */
final class PoolModule extends SingleModule {
    private final Taps taps;
    private final double scale;

    PoolModule(InputShape in, Taps taps) {
        this(in, taps, 1.0);
    }

    /** The pooling of {@code taps} times {@code scale}. */
    PoolModule(InputShape in, Taps taps, double scale) {
        super(in, new InputShape(taps.spatialOut, in.channels()));
        this.taps = taps;
        this.scale = scale;
    }

    @Override
    Pass pass(Params params, Batch x) {
        int c = in.channels();
        Batch y = new Batch(scaled(taps.sumTaps(taps.im2col(x.data(), x.n(), c), x.n(), c)), x.n(), out);
        return new Pass(y, (cot, gram) -> {
            return new Batch(taps.col2im(taps.spreadTaps(scaled(cot.data()), cot.n(), c), cot.n(), c), cot.n(), in);
        });
    }

    /** {@code v·scale} (a new array unless the scale is 1). */
    private double[] scaled(double[] v) {
        if (scale == 1.0) {
            return v;
        }
        double[] s = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = v[i] * scale;
        }
        return s;
    }
}

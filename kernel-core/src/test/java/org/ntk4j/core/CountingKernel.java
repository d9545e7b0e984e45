package org.ntk4j.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A cheap kernel function for Gram tests that counts its pair evaluations: inputs of {@code P}
 * positions × {@code C} channels, {@code nngp[a,b] = scale · Σ_c x[a,c]·x'[b,c] / C} (full P×P
 * entries, or only a = b), {@code ntk = 2·nngp + |x|²·|x'|²}, where the squared norms are the
 * inputs' variance chains (so a pair gives a wrong ntk unless the self passes ran first).
 */
final class CountingKernel implements KernelFunction {
    final AtomicLong pairs = new AtomicLong();
    private final double scale;
    private final boolean full;

    CountingKernel(double scale, boolean full) {
        this.scale = scale;
        this.full = full;
    }

    @Override
    public CompiledKernel compile(InputShape shape) {
        int p = shape.positions();
        int c = shape.channels();
        KernelShape out = KernelShape.input(shape).withFull(full);
        return new CompiledKernel() {
            @Override
            public InputShape inputShape() {
                return shape;
            }

            @Override
            public KernelShape outputShape() {
                return out;
            }

            @Override
            public int chainLength() {
                return 1;
            }

            @Override
            public Workspace newWorkspace() {
                return new Workspace(1);
            }

            @Override
            public void self(double[] x, double[] chain, Workspace ws, double[] outNngp, double[] outNtk, int offset) {
                double sq = 0;
                for (double v : x) {
                    sq += v * v;
                }
                chain[0] = sq;
                entry(x, chain, x, chain, outNngp, outNtk, offset);
            }

            @Override
            public void pair(double[] x1, double[] chain1, double[] x2, double[] chain2, Workspace ws,
                    double[] outNngp, double[] outNtk, int offset) {
                pairs.incrementAndGet();
                entry(x1, chain1, x2, chain2, outNngp, outNtk, offset);
            }

            private void entry(double[] x1, double[] chain1, double[] x2, double[] chain2, double[] outNngp,
                    double[] outNtk, int offset) {
                int k = offset;
                for (int a = 0; a < p; a++) {
                    for (int b = out.full() ? 0 : a; b < (out.full() ? p : a + 1); b++, k++) {
                        double s = 0;
                        for (int ch = 0; ch < c; ch++) {
                            s += x1[a * c + ch] * x2[b * c + ch];
                        }
                        outNngp[k] = scale * s / c;
                        if (outNtk != null) {
                            outNtk[k] = 2 * outNngp[k] + chain1[0] * chain2[0];
                        }
                    }
                }
            }
        };
    }

    @Override
    public String toString() {
        return "CountingKernel(scale=" + scale + ", full=" + full + ")";
    }
}

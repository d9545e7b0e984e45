package org.ntk4j.layers.finite;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Concurrency;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.layers.Layer;

/**
 * Monte Carlo estimates of a network's kernels from random finite networks, as neural-tangents'
 * {@code monte_carlo_kernel_fn}: over S independent draws of the parameters θ (widths as declared
 * in the network) and the K output units,
 * {@code nngp(x, x') = 1/(S·K) Σ_s Σ_k f_k(x; θ_s)·f_k(x'; θ_s)} and
 * {@code ntk(x, x') = 1/(S·K) Σ_s Σ_k ⟨∂f_k(x; θ_s)/∂θ, ∂f_k(x'; θ_s)/∂θ⟩}. They converge to the
 * analytic NNGP and NTK as the widths grow.
 *
 * <p>Reproducible: draw s uses the s-th generator split from {@code SplittableRandom(seed)} and the
 * draws are summed in order, so the result does not depend on the thread count. Immutable builder:
 * {@code MonteCarlo.of(net).samples(100).seed(1).threads(2).compute(x1, x2)}.
 */
public final class MonteCarlo {
    private final Layer net;
    private final int samples;
    private final long seed;
    private final int threads;
    private final boolean ntk;

    private MonteCarlo(Layer net, int samples, long seed, int threads, boolean ntk) {
        this.net = net;
        this.samples = samples;
        this.seed = seed;
        this.threads = threads;
        this.ntk = ntk;
    }

    /** Estimates for {@code net}: 100 draws, seed 0, all available cores, NNGP and NTK. */
    public static MonteCarlo of(Layer net) {
        if (net == null) {
            throw new IllegalArgumentException("network is null");
        }
        return new MonteCarlo(net, 100, 0L, Runtime.getRuntime().availableProcessors(), true);
    }

    /** Number of independent draws S (at least 1). */
    public MonteCarlo samples(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + n);
        }
        return new MonteCarlo(net, n, seed, threads, ntk);
    }

    /** The seed of the draws. */
    public MonteCarlo seed(long s) {
        return new MonteCarlo(net, samples, s, threads, ntk);
    }

    /** Threads running draws in parallel (at least 1). */
    public MonteCarlo threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        return new MonteCarlo(net, samples, seed, n, ntk);
    }

    /** Estimate the NNGP only (no backward passes); the result's ntk is null. */
    public MonteCarlo nngpOnly() {
        return new MonteCarlo(net, samples, seed, threads, false);
    }

    /** Estimates between {@code x} and itself, (N, N). */
    public Kernel compute(INDArray x) {
        return compute(x, x);
    }

    /**
     * Estimates between {@code x1} (N1, ...) and {@code x2} (N2, ...), (N1, N2).
     *
     * @throws IllegalArgumentException on inputs of different or bad shapes, non-finite values, or
     *                                  a network that does not fit them or has no readout
     */
    public Kernel compute(INDArray x1, INDArray x2) {
        Ntk4j.init();
        boolean symmetric = x1 == x2;
        InputShape shape = symmetric ? Inputs.shapeOf(x1, "x1") : Inputs.commonShape(x1, x2);
        double[][] r1 = Inputs.rows(x1, "x1");
        double[][] rows = symmetric ? r1 : FiniteNetwork.concat(r1, Inputs.rows(x2, "x2"));
        FiniteNetwork f = FiniteNetwork.of(net, shape);
        f.requireReadout();
        double[][] sum = run(f, rows);
        int n = rows.length;
        int n2 = n - (symmetric ? 0 : r1.length);
        int offset = symmetric ? 0 : r1.length;
        return new Kernel(FiniteNetwork.block(sum[0], n, r1.length, offset, n2),
                ntk ? FiniteNetwork.block(sum[1], n, r1.length, offset, n2) : null);
    }

    /** The mean over draws of the per-draw empirical kernels of {@code rows} among themselves. */
    private double[][] run(FiniteNetwork f, double[][] rows) {
        SplittableRandom master = new SplittableRandom(seed);
        List<SplittableRandom> rngs = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
            rngs.add(master.split());
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, samples));
        try {
            List<Future<double[][]>> draws = new ArrayList<>();
            for (SplittableRandom rng : rngs) {
                draws.add(pool.submit(() -> f.kernels(f.init(rng), rows, ntk)));
            }
            double[][] sum = {new double[rows.length * rows.length], ntk ? new double[rows.length * rows.length] : null};
            for (Future<double[][]> d : draws) {
                double[][] k = Concurrency.await(d, "Monte Carlo draw");
                for (int i = 0; i < 2; i++) {
                    if (k[i] != null) {
                        Matrices.addTo(sum[i], k[i]);
                    }
                }
            }
            for (double[] s : sum) {
                if (s != null) {
                    for (int i = 0; i < s.length; i++) {
                        s[i] /= samples;
                    }
                }
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "MonteCarlo[samples=" + samples + ", seed=" + seed + ", threads=" + threads + (ntk ? "" : ", nngp only")
                + "]\n" + net;
    }
}

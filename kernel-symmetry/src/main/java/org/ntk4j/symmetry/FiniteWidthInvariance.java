package org.ntk4j.symmetry;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Concurrency;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.layers.Layers;
import org.ntk4j.layers.finite.FiniteNetwork;

/**
 * Symmetry breaking at finite width (Xiao &amp; Pennington, Sec. 5.4): how far the second moment
 * {@code E[f(τx)f(τx')]} of a random finite network moves from {@code E[f(x)f(x')]} under one
 * fixed group element τ. At infinite width VEC and LCN are both O(C)^d-invariant (Theorem 4.1).
 * At finite width LCN_n stays exactly invariant in distribution — its first layer has its own
 * weights at every pixel, Gaussian and isotropic over channels, so {@code W_p·τ_p} has the law of
 * {@code W_p} — while VEC_n is not: its first convolution applies the same weights to every
 * pixel, so neighbouring pixels of one channel stay correlated through
 * {@code x[p]·x[p']}, which per-pixel rotations change. The next layers see these correlations
 * only through finite-width fluctuations, so the effect is O(1/n) and needs ≥ 2 hidden layers.
 *
 * <p>Statistics: every draw θ of the parameters is used for both x and τx, and the estimate is
 * the mean of the paired difference {@code D = f(τx)f(τx') − f(x)f(x')} over draws with its
 * standard error ({@link PairedDifference}). By default the last hidden layer and the readout are
 * integrated out exactly: given the earlier layers, the last hidden layer's channels are i.i.d.
 * Gaussian, so {@code E[f(x)f(x') | θ_1..θ_{L−1}]} is the analytic NNGP of the last hidden layer
 * and the readout applied to the empirical features of layer L−1 (whose covariance, normalised by
 * the channel count, is the finite network's next-layer covariance). This Rao–Blackwellised
 * estimator has the same mean as the plain one, {@code f(τx)f(τx')} of one fully sampled network
 * per draw ({@link #sampledReadout()}), and a several times smaller variance. Draw s uses the s-th
 * generator split from {@code SplittableRandom(seed)}, so the result does not depend on the
 * thread count.
 *
 * <p>Immutable; the withers return modified copies. Defaults: 1000 draws, seed 0, all cores,
 * last layer integrated out.
 */
public final class FiniteWidthInvariance {
    private final PaperNetworks networks;
    private final int draws;
    private final long seed;
    private final int threads;
    private final boolean integrated;

    private FiniteWidthInvariance(PaperNetworks networks, int draws, long seed, int threads, boolean integrated) {
        if (networks == null) {
            throw new IllegalArgumentException("networks must not be null");
        }
        if (draws < 2 || threads < 1) {
            throw new IllegalArgumentException("need at least 2 draws and 1 thread, got " + draws + " draws, "
                    + threads + " threads");
        }
        if (integrated && networks.depth() < 2) {
            throw new IllegalArgumentException("integrating the last hidden layer out needs depth ≥ 2 (at depth 1 the "
                    + "second moment is exactly the infinite-width one); use sampledReadout()");
        }
        this.networks = networks;
        this.draws = draws;
        this.seed = seed;
        this.threads = threads;
        this.integrated = integrated;
    }

    /** Measurements for the architectures of {@code networks} with the defaults of the class comment. */
    public static FiniteWidthInvariance of(PaperNetworks networks) {
        return new FiniteWidthInvariance(networks, 1000, 0, Runtime.getRuntime().availableProcessors(), true);
    }

    /** The number of network draws (at least 2). */
    public FiniteWidthInvariance draws(int n) {
        return new FiniteWidthInvariance(networks, n, seed, threads, integrated);
    }

    /** The seed of the draws. */
    public FiniteWidthInvariance seed(long s) {
        return new FiniteWidthInvariance(networks, draws, s, threads, integrated);
    }

    /** Threads running draws in parallel (at least 1). */
    public FiniteWidthInvariance threads(int n) {
        return new FiniteWidthInvariance(networks, draws, seed, n, integrated);
    }

    /** The plain estimator: every layer sampled, one output f per draw (larger variance, same mean). */
    public FiniteWidthInvariance sampledReadout() {
        return new FiniteWidthInvariance(networks, draws, seed, threads, false);
    }

    /** Whether the last hidden layer and the readout are integrated out (the default). */
    public boolean integrated() {
        return integrated;
    }

    /**
     * The paired difference {@code E[f(τx)f(τx')] − E[f(x)f(x')]} of {@code architecture} with
     * {@code width} channels per hidden layer, for the two inputs of {@code pair} (2, ...) and the
     * fixed element {@code tau}.
     *
     * @throws IllegalArgumentException when {@code pair} does not hold exactly two inputs, or τ or
     *                                  the network does not fit them
     */
    public PairedDifference measure(Architecture architecture, int width, INDArray pair, GroupElement tau) {
        Ntk4j.init();
        InputShape shape = Inputs.shapeOf(pair, "pair");
        if (pair.size(0) != 2) {
            throw new IllegalArgumentException("pair must hold exactly two inputs x, x', got " + pair.size(0));
        }
        INDArray four = Nd4j.concat(0, pair, tau.apply(pair));
        SecondMoments moments = integrated ? integratedMoments(architecture, width, shape)
                : sampledMoments(architecture, width, shape);
        SplittableRandom master = new SplittableRandom(seed);
        List<SplittableRandom> rngs = new ArrayList<>(draws);
        for (int s = 0; s < draws; s++) {
            rngs.add(master.split());
        }
        double[][] values = run(() -> IntStream.range(0, draws).parallel()
                .mapToObj(s -> moments.of(rngs.get(s), four)).toArray(double[][]::new));
        double[] d = new double[draws];
        double reference = 0;
        for (int s = 0; s < draws; s++) {
            d[s] = values[s][1] - values[s][0];
            reference += values[s][0] / draws;
        }
        return PairedDifference.of(d, reference);
    }

    /** One draw's {@code {f(x)f(x'), f(τx)f(τx')}} (or their conditional expectations) for the rows x, x', τx, τx'. */
    @FunctionalInterface
    private interface SecondMoments {
        double[] of(SplittableRandom rng, INDArray four);
    }

    private SecondMoments sampledMoments(Architecture architecture, int width, InputShape shape) {
        FiniteNetwork net = FiniteNetwork.of(networks.network(architecture, width), shape);
        return (rng, four) -> {
            double[][] f = Inputs.rows(net.apply(net.init(rng), four), "f");
            return new double[] {f[0][0] * f[1][0], f[2][0] * f[3][0]};
        };
    }

    private SecondMoments integratedMoments(Architecture architecture, int width, InputShape shape) {
        var hidden = networks.hidden(architecture, width);
        int split = hidden.size() - 2;
        FiniteNetwork body = FiniteNetwork.of(Layers.serial(hidden.subList(0, split)), shape);
        var headLayers = new ArrayList<>(hidden.subList(split, hidden.size()));
        headLayers.addAll(networks.readout(architecture));
        HeadKernel head = new HeadKernel(Layers.serial(headLayers).compile(body.outputShape()));
        return (rng, four) -> head.secondMoments(Inputs.rows(body.apply(body.init(rng), four), "features"));
    }

    private double[][] run(java.util.concurrent.Callable<double[][]> task) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return Concurrency.await(pool.submit(task), "finite-width measurement");
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "FiniteWidthInvariance[" + networks + ", draws=" + draws + ", seed=" + seed + ", threads=" + threads
                + (integrated ? ", last layer integrated out" : ", sampled readout") + "]";
    }
}

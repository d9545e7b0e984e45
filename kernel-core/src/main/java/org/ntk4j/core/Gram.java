package org.ntk4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds the Gram matrices {@code K(X1, X2)} (NNGP) and {@code Θ(X1, X2)} (NTK) of a kernel
 * function over two batches, for N in the thousands.
 *
 * <p>The work is split into square tiles of {@link #tileSize(int)} rows × columns that worker
 * threads take in turn; each thread owns one {@link Workspace}, so memory is a few buffers of the
 * network's largest per-pair size per thread (P×P for pooled CNNs) plus the output. Each input's
 * variance chain is computed once, by a pass over (x, x), before any pair. When X2 is X1 only the
 * upper triangle is computed and mirrored. Progress goes to a {@link GramProgress}; a build is
 * cancelled by {@link GramJob#cancel()} or by interrupting the thread waiting in {@link #compute}.
 *
 * <p>Immutable: every setter returns a new builder, e.g.
 * {@code Gram.of(net).threads(2).withConsoleProgress().compute(x)}.
 */
public final class Gram {
    private final KernelFunction function;
    private final int threads;
    private final int tileSize;
    private final boolean ntk;
    private final GramProgress progress;

    private Gram(KernelFunction function, int threads, int tileSize, boolean ntk, GramProgress progress) {
        this.function = function;
        this.threads = threads;
        this.tileSize = tileSize;
        this.ntk = ntk;
        this.progress = progress;
    }

    /** A builder for {@code function} on all available cores, tiles of 32, NNGP and NTK, no progress output. */
    public static Gram of(KernelFunction function) {
        if (function == null) {
            throw new IllegalArgumentException("kernel function is null");
        }
        return new Gram(function, Runtime.getRuntime().availableProcessors(), 32, true, GramProgress.NONE);
    }

    /** Worker threads (at least 1). */
    public Gram threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        return new Gram(function, n, tileSize, ntk, progress);
    }

    /** Rows (and columns) of X per tile (at least 1). */
    public Gram tileSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("tile size must be at least 1, got " + n);
        }
        return new Gram(function, threads, n, ntk, progress);
    }

    /** Compute the NNGP only, skipping all NTK work; the result's ntk is null. */
    public Gram nngpOnly() {
        return new Gram(function, threads, tileSize, false, progress);
    }

    /** Report progress to {@code listener}. */
    public Gram progress(GramProgress listener) {
        return new Gram(function, threads, tileSize, ntk, listener == null ? GramProgress.NONE : listener);
    }

    /** Report progress with a {@link ConsoleProgressBar} on stderr. */
    public Gram withConsoleProgress() {
        return progress(new ConsoleProgressBar(ntk ? "nngp+ntk" : "nngp"));
    }

    public int threads() {
        return threads;
    }

    public int tileSize() {
        return tileSize;
    }

    public boolean computesNtk() {
        return ntk;
    }

    /** {@code K(X, X)}, symmetric: each unordered pair is computed once. Blocks until done. */
    public Kernel compute(INDArray x) {
        return start(x, x).get();
    }

    /**
     * {@code K(X1, X2)}; when {@code x2 == x1} (the same array) the symmetric path is taken.
     * Blocks until done; interrupting the calling thread cancels the build.
     *
     * @throws java.util.concurrent.CancellationException if cancelled or interrupted
     */
    public Kernel compute(INDArray x1, INDArray x2) {
        return start(x1, x2).get();
    }

    /** Starts the build in the background and returns at once. */
    public GramJob start(INDArray x1, INDArray x2) {
        Ntk4j.init();
        boolean symmetric = x1 == x2;
        InputShape shape = symmetric ? Inputs.shapeOf(x1, "x1") : Inputs.commonShape(x1, x2);
        CompiledKernel compiled = function.compile(shape);
        double[][] rows1 = Inputs.rows(x1, "x1");
        double[][] rows2 = symmetric ? rows1 : Inputs.rows(x2, "x2");
        return GramJob.start(compiled, rows1, rows2, symmetric, ntk, threads, tileSize, progress);
    }
}

package org.ntk4j.core;

import java.nio.file.Path;
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
 * With {@link #checkpoint(Path)}, finished tiles are kept in a directory and a build started again
 * with the same arguments computes only the missing ones (see {@link GramCheckpoint}).
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
    private final Path checkpoint;
    private final long chainMemory;

    private Gram(KernelFunction function, int threads, int tileSize, boolean ntk, GramProgress progress,
            Path checkpoint, long chainMemory) {
        this.function = function;
        this.threads = threads;
        this.tileSize = tileSize;
        this.ntk = ntk;
        this.progress = progress;
        this.checkpoint = checkpoint;
        this.chainMemory = chainMemory;
    }

    /**
     * A builder for {@code function} on all available cores, NNGP and NTK, no progress output, and
     * tiles of the default size ({@link GramTiles#defaultTileSize}: 64 for fully connected networks,
     * else 32).
     */
    public static Gram of(KernelFunction function) {
        if (function == null) {
            throw new IllegalArgumentException("kernel function is null");
        }
        return new Gram(function, Runtime.getRuntime().availableProcessors(), GramTiles.AUTO_TILE_SIZE, true,
                GramProgress.NONE, null, DEFAULT_CHAIN_MEMORY);
    }

    /** Worker threads (at least 1). */
    public Gram threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        return new Gram(function, n, tileSize, ntk, progress, checkpoint, chainMemory);
    }

    /** Rows (and columns) of X per tile (at least 1). */
    public Gram tileSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("tile size must be at least 1, got " + n);
        }
        return new Gram(function, threads, n, ntk, progress, checkpoint, chainMemory);
    }

    /**
     * The default of {@link #chainMemory(long)}: 256 MiB, about 1,600 CNN-GAP-21 inputs on 32×32
     * images (20 ReLU layers × 1,024 positions × 8 bytes each).
     */
    public static final long DEFAULT_CHAIN_MEMORY = 256L << 20;

    /**
     * The most memory the inputs' variance chains may take when kept for the whole build (each input's
     * self-covariance at every nonlinearity: {@code N · layers · P} doubles, plus the diagonal entries
     * of a symmetric build). Beyond it each work unit computes the chains of its own inputs and drops
     * them, so the build's memory is the output plus a per-thread amount independent of N, at the
     * price of computing each chain again for every tile its input is in (about 2/T more work for
     * tiles of T, 6% at T = 32). The result is the same, bit for bit.
     */
    public Gram chainMemory(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("chain memory must be non-negative, got " + bytes);
        }
        return new Gram(function, threads, tileSize, ntk, progress, checkpoint, bytes);
    }

    /** See {@link #chainMemory(long)}. */
    public long chainMemory() {
        return chainMemory;
    }

    /** Compute the NNGP only, skipping all NTK work; the result's ntk is null. */
    public Gram nngpOnly() {
        return new Gram(function, threads, tileSize, false, progress, checkpoint, chainMemory);
    }

    /**
     * Report progress to {@code listener}. Tiles restored from a {@link #checkpoint} count as done
     * (all their pairs at once) when they are read back.
     */
    public Gram progress(GramProgress listener) {
        return new Gram(function, threads, tileSize, ntk, listener == null ? GramProgress.NONE : listener,
                checkpoint, chainMemory);
    }

    /**
     * Keep every finished tile in {@code dir} (created if missing) and, when the directory already
     * holds tiles of the same build (same kernel function, inputs, tile size, symmetry and
     * NNGP-only setting, as recorded in its manifest), restore them instead of computing them.
     * Each input's pass with itself is always run. The result is bit-identical to an uninterrupted
     * build. The {@link GramCheckpoint} Javadoc states the on-disk format. A build refuses a
     * directory whose manifest is of another build, with an {@link IllegalArgumentException} that
     * says what differs. The kernel function needs a {@link KernelFunction#fingerprint()}.
     */
    public Gram checkpoint(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("checkpoint directory is null");
        }
        return new Gram(function, threads, tileSize, ntk, progress, dir, chainMemory);
    }

    /** Report progress with a {@link ConsoleProgressBar} on stderr. */
    public Gram withConsoleProgress() {
        return progress(new ConsoleProgressBar(ntk ? "nngp+ntk" : "nngp"));
    }

    public int threads() {
        return threads;
    }

    /** Rows (and columns) of X per tile, or {@link GramTiles#AUTO_TILE_SIZE} for the default. */
    public int tileSize() {
        return tileSize;
    }

    public boolean computesNtk() {
        return ntk;
    }

    /** The checkpoint directory, or null when tiles are not kept. */
    public Path checkpoint() {
        return checkpoint;
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

    /**
     * Refuses, before any work, a build whose worker states alone would not fit the heap (a pooled
     * network on large images holds a P×P covariance per buffer), with the estimate and the remedies.
     */
    private void checkHeap(long perThread) {
        long heap = Runtime.getRuntime().maxMemory();
        if (perThread <= 0 || perThread * threads <= heap * 0.8) {
            return;
        }
        boolean oneFits = perThread <= heap * 0.8;
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "this Gram build needs about %s of "
                + "heap for its worker state (%s per thread × %d thread%s: every pair holds the network's largest "
                + "kernel, a P×P spatial covariance for pooled networks), but the heap is %s; %suse smaller inputs, "
                + "or a larger heap (-Xmx; NTK4J_JAVA_OPTS for bin/ntk4j)", gib(perThread * threads), gib(perThread),
                threads, threads == 1 ? "" : "s", gib(heap), oneFits ? "use fewer threads (at most "
                        + Math.max(1, (long) (heap * 0.8 / perThread)) + "), " : ""));
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    /**
     * Starts the build in the background and returns at once (after checking the checkpoint
     * directory's manifest, if any).
     */
    public GramJob start(INDArray x1, INDArray x2) {
        Ntk4j.init();
        boolean symmetric = x1 == x2;
        InputShape shape = symmetric ? Inputs.shapeOf(x1, "x1") : Inputs.commonShape(x1, x2);
        double[][] rows1 = Inputs.rows(x1, "x1");
        double[][] rows2 = symmetric ? rows1 : Inputs.rows(x2, "x2");
        GramTiles tiles = GramTiles.of(function, shape, rows1, rows2, symmetric, ntk, tileSize);
        tiles.grid().outputLength(); // refuses outputs too large for one array before any work
        checkHeap(tiles.kernel().workspaceBytes());
        TileStore store = checkpoint == null ? TileStore.NONE : GramCheckpoint.open(checkpoint, tiles);
        return GramJob.start(tiles, threads, progress, store, tiles.chainDoubles() * Double.BYTES > chainMemory);
    }
}

package org.ntk4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running Gram build (see {@link Gram}): two phases on a fixed pool of worker threads, first
 * every input's pass with itself (variance chains, and the diagonal when symmetric), then the
 * tiles of pairs. A tile found in the {@link TileStore} (a checkpoint) is restored instead of
 * computed, and every computed tile is saved to it. {@link #get()} waits for the result;
 * {@link #cancel()} stops the workers at their next pair.
 */
public final class GramJob {
    private final CompiledKernel kernel;
    private final double[][] rows1;
    private final double[][] rows2;
    private final boolean symmetric;
    private final boolean withNtk;
    private final int threads;
    private final int tileSize;
    private final GramProgress progress;
    private final TileGrid grid;
    private final TileStore store;
    private final int entryLength;
    private final double[][] chains1;
    private final double[][] chains2;
    private final double[] outNngp;
    private final double[] outNtk;
    private final AtomicLong done = new AtomicLong();
    private final long total;
    private final long startNanos = System.nanoTime();
    private volatile boolean cancelled;
    private final ExecutorService pool;
    private final Future<Kernel> result;

    private GramJob(CompiledKernel kernel, double[][] rows1, double[][] rows2, boolean symmetric, boolean withNtk,
            int threads, int tileSize, GramProgress progress, TileStore store) {
        this.kernel = kernel;
        this.rows1 = rows1;
        this.rows2 = rows2;
        this.symmetric = symmetric;
        this.withNtk = withNtk;
        this.threads = threads;
        this.tileSize = tileSize;
        this.progress = progress;
        this.grid = TileGrid.of(rows1.length, rows2.length, tileSize, symmetric, kernel.outputShape());
        this.store = store;
        this.entryLength = kernel.outputShape().length();
        int chain = kernel.chainLength();
        this.chains1 = new double[rows1.length][chain];
        this.chains2 = symmetric ? chains1 : new double[rows2.length][chain];
        long n1 = rows1.length, n2 = rows2.length;
        int entries = grid.outputLength();
        this.outNngp = new double[entries];
        this.outNtk = withNtk ? new double[entries] : null;
        this.total = entries(n1, n2, symmetric);
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "ntk4j-gram");
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newSingleThreadExecutor(factory);
        this.result = pool.submit(this::run);
        pool.shutdown();
    }

    static GramJob start(CompiledKernel kernel, double[][] rows1, double[][] rows2, boolean symmetric,
            boolean withNtk, int threads, int tileSize, GramProgress progress, TileStore store) {
        return new GramJob(kernel, rows1, rows2, symmetric, withNtk, threads, tileSize, progress, store);
    }

    /**
     * The kernel evaluations a build of {@code n1 × n2} inputs counts in its progress: every
     * input's pass with itself plus the pairs, {@code n1 + n1(n1−1)/2} when symmetric (X2 = X1),
     * else {@code n1 + n2 + n1·n2}.
     */
    public static long entries(long n1, long n2, boolean symmetric) {
        return symmetric ? n1 + n1 * (n1 - 1) / 2 : n1 + n2 + n1 * n2;
    }

    /** Total kernel evaluations (self passes plus pairs). */
    public long total() {
        return total;
    }

    /** Kernel evaluations done so far. */
    public long done() {
        return done.get();
    }

    /** Stops the build: workers finish their current pair and {@link #get()} throws. */
    public void cancel() {
        cancelled = true;
        result.cancel(true);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Waits for the result. Interrupting the waiting thread cancels the build.
     *
     * @throws CancellationException if the build was cancelled or the caller interrupted
     */
    public Kernel get() {
        try {
            return result.get();
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw new CancellationException("Gram build interrupted after " + done() + "/" + total + " entries");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CancellationException ce) {
                throw ce;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("Gram build failed", cause);
        }
    }

    private Kernel run() throws Exception {
        Workspace[] workspaces = new Workspace[threads];
        for (int t = 0; t < threads; t++) {
            workspaces[t] = kernel.newWorkspace();
        }
        try {
            runPhase(workspaces, selfTasks());
            runPhase(workspaces, tileTasks());
            return grid.kernel(outNngp, outNtk);
        } finally {
            progress.finished(done.get(), total, (System.nanoTime() - startNanos) / 1e9);
        }
    }

    /** A unit of work run by one worker with its workspace. */
    private interface Task {
        void run(Workspace ws);
    }

    private void runPhase(Workspace[] workspaces, List<Task> tasks) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        ExecutorService workerPool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ntk4j-gram-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int t = 0; t < threads; t++) {
                Workspace ws = workspaces[t];
                workers.add(workerPool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                        checkCancelled();
                        tasks.get(i).run(ws);
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    cancelled = true;
                    throw new CancellationException("Gram build cancelled after " + done() + "/" + total + " entries");
                } catch (ExecutionException e) {
                    cancelled = true;
                    Throwable cause = e.getCause();
                    throw cause instanceof Exception ex ? ex : new IllegalStateException(cause);
                }
            }
        } finally {
            workerPool.shutdownNow();
        }
    }

    private void checkCancelled() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            cancelled = true;
            throw new CancellationException("Gram build cancelled after " + done() + "/" + total + " entries");
        }
    }

    private List<Task> selfTasks() {
        List<Task> tasks = new ArrayList<>();
        addSelfTasks(tasks, rows1, chains1, true);
        if (!symmetric) {
            addSelfTasks(tasks, rows2, chains2, false);
        }
        return tasks;
    }

    private void addSelfTasks(List<Task> tasks, double[][] rows, double[][] chains, boolean first) {
        for (int start = 0; start < rows.length; start += tileSize) {
            int from = start, to = Math.min(rows.length, start + tileSize);
            tasks.add(ws -> {
                double[] scratchNngp = new double[entryLength];
                double[] scratchNtk = withNtk ? new double[entryLength] : null;
                for (int i = from; i < to; i++) {
                    checkCancelled();
                    if (symmetric && first) {
                        int off = (i * rows2.length + i) * entryLength;
                        kernel.self(rows[i], chains[i], ws, outNngp, outNtk, off);
                    } else {
                        kernel.self(rows[i], chains[i], ws, scratchNngp, scratchNtk, 0);
                    }
                    advance(1);
                }
            });
        }
    }

    /** Each tile restored from the store (counted as done) or computed and saved to it. */
    private List<Task> tileTasks() {
        TileKernel blocks = kernel.tileKernel();
        if (blocks != null && entryLength == 1 && tileSize <= blocks.maxBlock()) {
            return blockTasks(blocks);
        }
        List<Task> tasks = new ArrayList<>();
        for (TileGrid.Tile t : grid.tiles()) {
            tasks.add(ws -> {
                if (store.restore(t, outNngp, outNtk)) {
                    advance(grid.pairs(t));
                    return;
                }
                computeTile(ws, t.iFrom(), t.iTo(), t.jFrom(), t.jTo());
                store.save(t, outNngp, outNtk);
            });
        }
        return tasks;
    }

    /**
     * One task per row of tiles for a {@link TileKernel}: one matrix product gives the input
     * covariances of the row's missing tiles, then each tile is evaluated as a block.
     */
    private List<Task> blockTasks(TileKernel blocks) {
        InputGram gram = new InputGram(rows1, rows2);
        List<Task> tasks = new ArrayList<>();
        List<TileGrid.Tile> row = new ArrayList<>();
        for (TileGrid.Tile t : grid.tiles()) {
            if (!row.isEmpty() && row.get(0).row() != t.row()) {
                tasks.add(blockRowTask(blocks, gram, List.copyOf(row)));
                row.clear();
            }
            row.add(t);
        }
        if (!row.isEmpty()) {
            tasks.add(blockRowTask(blocks, gram, List.copyOf(row)));
        }
        return tasks;
    }

    private Task blockRowTask(TileKernel blocks, InputGram gram, List<TileGrid.Tile> row) {
        return ws -> {
            List<TileGrid.Tile> todo = new ArrayList<>();
            for (TileGrid.Tile t : row) {
                if (store.restore(t, outNngp, outNtk)) {
                    advance(grid.pairs(t));
                } else {
                    todo.add(t);
                }
            }
            if (todo.isEmpty()) {
                return;
            }
            int iFrom = todo.get(0).iFrom(), iTo = todo.get(0).iTo();
            int jFrom = todo.get(0).jFrom(), jTo = todo.get(todo.size() - 1).jTo();
            double[] k0 = gram.block(iFrom, iTo, jFrom, jTo,
                    ws.extra(InputGram.class, () -> gram.newProduct(tileSize, rows2.length)));
            Workspace blockWs = ws.extra(blocks::newWorkspace);
            double[] nngp = new double[tileSize * tileSize];
            double[] ntk = withNtk ? new double[tileSize * tileSize] : null;
            for (TileGrid.Tile t : todo) {
                checkCancelled();
                blocks.evaluate(k0, jTo - jFrom, t.jFrom() - jFrom, t.rows(), t.cols(), chains1, t.iFrom(), chains2,
                        t.jFrom(), blockWs, nngp, ntk);
                writeBlock(t, nngp, outNngp);
                if (ntk != null) {
                    writeBlock(t, ntk, outNtk);
                }
                store.save(t, outNngp, outNtk);
                advance(grid.pairs(t));
            }
        };
    }

    /** Copies a tile's block into the output; when symmetric, only above the diagonal, mirrored below. */
    private void writeBlock(TileGrid.Tile t, double[] block, double[] out) {
        int n2 = rows2.length;
        for (int r = 0; r < t.rows(); r++) {
            int i = t.iFrom() + r;
            for (int c = 0; c < t.cols(); c++) {
                int j = t.jFrom() + c;
                if (symmetric && j <= i) {
                    continue;
                }
                out[i * n2 + j] = block[r * t.cols() + c];
                if (symmetric) {
                    out[j * n2 + i] = block[r * t.cols() + c];
                }
            }
        }
    }

    private void computeTile(Workspace ws, int iFrom, int iTo, int jFrom, int jTo) {
        int n2 = rows2.length;
        for (int i = iFrom; i < iTo; i++) {
            int count = 0;
            for (int j = symmetric ? Math.max(jFrom, i + 1) : jFrom; j < jTo; j++) {
                checkCancelled();
                int off = (i * n2 + j) * entryLength;
                kernel.pair(rows1[i], chains1[i], rows2[j], chains2[j], ws, outNngp, outNtk, off);
                if (symmetric) {
                    int mirror = (j * n2 + i) * entryLength;
                    mirror(outNngp, off, mirror);
                    if (outNtk != null) {
                        mirror(outNtk, off, mirror);
                    }
                }
                count++;
            }
            advance(count);
        }
    }

    /** K(x_j, x_i) from K(x_i, x_j): equal for scalars and diagonals, transposed for full storage. */
    private void mirror(double[] out, int from, int to) {
        grid.mirror(out, from, to);
    }

    /** Counts {@code count} more entries done and reports it; reports never go backwards. */
    private void advance(long count) {
        if (count == 0) {
            return;
        }
        synchronized (progress) {
            long d = done.addAndGet(count);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double rate = seconds > 0 ? d / seconds : 0;
            double eta = rate > 0 ? (total - d) / rate : Double.POSITIVE_INFINITY;
            progress.update(d, total, rate, eta);
        }
    }
}

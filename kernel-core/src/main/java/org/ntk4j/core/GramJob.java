package org.ntk4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running Gram build (see {@link Gram}): two phases on a fixed pool of worker threads, first
 * every input's pass with itself (variance chains, and the diagonal when symmetric), then the
 * units of tiles of {@link GramTiles}. A tile found in the {@link TileStore} (a checkpoint) is
 * restored instead of computed, and every computed tile is saved to it. {@link #get()} waits for
 * the result; {@link #cancel()} stops the workers at their next pair.
 */
public final class GramJob {
    private final GramTiles tiles;
    private final int threads;
    private final GramProgress progress;
    private final TileGrid grid;
    private final TileStore store;
    private final GramTiles.Chains chains;
    /** Whether each unit computes the chains of its own inputs (memory independent of N) instead of one pass over all inputs. */
    private final boolean chainsPerUnit;
    private final GramOutput output;
    private final AtomicLong done = new AtomicLong();
    private final long total;
    private final long startNanos = System.nanoTime();
    private volatile boolean cancelled;
    private final ExecutorService pool;
    private final Future<Kernel> result;
    private final GramTiles.Monitor monitor = new GramTiles.Monitor() {
        @Override
        public void check() {
            checkCancelled();
        }

        @Override
        public void advance(long entries) {
            GramJob.this.advance(entries);
        }
    };

    private GramJob(GramTiles tiles, int threads, GramProgress progress, TileStore store, boolean chainsPerUnit) {
        this.tiles = tiles;
        this.threads = threads;
        this.progress = progress;
        this.grid = tiles.grid();
        this.store = store;
        this.chainsPerUnit = chainsPerUnit;
        this.chains = chainsPerUnit ? null : tiles.newChains();
        this.output = new GramOutput(grid, tiles.computesNtk());
        this.total = entries(tiles.n1(), tiles.n2(), tiles.symmetric());
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "ntk4j-gram");
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newSingleThreadExecutor(factory);
        this.result = pool.submit(this::run);
        pool.shutdown();
    }

    static GramJob start(GramTiles tiles, int threads, GramProgress progress, TileStore store,
            boolean chainsPerUnit) {
        return new GramJob(tiles, threads, progress, store, chainsPerUnit);
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
     * Waits for the result. Interrupting the waiting thread cancels the build. When the build was
     * cancelled, returns (throws) only once its workers have stopped, so that none of them writes
     * into a checkpoint directory afterwards.
     *
     * @throws CancellationException if the build was cancelled or the caller interrupted
     */
    public Kernel get() {
        try {
            return result.get();
        } catch (CancellationException e) {
            awaitTermination(pool);
            throw e;
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
            workspaces[t] = tiles.kernel().newWorkspace();
        }
        try {
            if (chainsPerUnit) {
                // No separate pass: count the inputs' own entries now, except the diagonal of a
                // symmetric build, which is counted with the diagonal tiles that compute it.
                advance(tiles.symmetric() ? 0 : (long) tiles.n1() + tiles.n2());
            } else {
                runPhase(workspaces, selfTasks());
            }
            // Each worker's products run on the worker's own core: a build uses `threads` cores.
            BlasThreads.acquireSingle();
            try {
                runPhase(workspaces, tileTasks());
            } finally {
                BlasThreads.release();
            }
            return output.kernel();
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
            awaitTermination(workerPool); // a cancelled build's workers stop at their next pair
        }
    }

    /** Waits until {@code pool}'s threads have finished, keeping (not acting on) an interrupt. */
    private static void awaitTermination(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkCancelled() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            cancelled = true;
            throw new CancellationException("Gram build cancelled after " + done() + "/" + total + " entries");
        }
    }

    /** Every input's pass with itself, in runs of a tile's length. */
    private List<Task> selfTasks() {
        List<Task> tasks = new ArrayList<>();
        addSelfTasks(tasks, tiles.n1(), false);
        if (!tiles.symmetric()) {
            addSelfTasks(tasks, tiles.n2(), true);
        }
        return tasks;
    }

    private void addSelfTasks(List<Task> tasks, int n, boolean second) {
        int tileSize = tiles.tileSize();
        for (int start = 0; start < n; start += tileSize) {
            int from = start, to = Math.min(n, start + tileSize);
            tasks.add(ws -> tiles.computeChains(chains, second, from, to, ws, monitor));
        }
    }

    /**
     * One task per unit of {@link GramTiles#units}: each tile restored from the store (counted as
     * done) or computed, then saved to it.
     */
    private List<Task> tileTasks() {
        List<Task> tasks = new ArrayList<>();
        for (List<TileGrid.Tile> unit : tiles.units(1)) {
            tasks.add(ws -> {
                List<TileGrid.Tile> todo = new ArrayList<>();
                for (TileGrid.Tile t : unit) {
                    TileBlock stored = store.load(t);
                    if (stored == null) {
                        todo.add(t);
                    } else {
                        output.paste(stored);
                        advance(grid.pairs(t) + diagonalEntries(t));
                    }
                }
                if (todo.isEmpty()) {
                    return;
                }
                GramTiles.Chains unitChains = chainsPerUnit ? tiles.chainsFor(todo, ws) : chains;
                tiles.compute(todo, unitChains, ws, monitor, block -> {
                    output.paste(block);
                    store.save(block);
                    advance(diagonalEntries(block.tile()));
                });
            });
        }
        return tasks;
    }

    /**
     * The Gram's diagonal entries in tile {@code t} that no pass over the inputs has counted: those
     * of a diagonal tile of a symmetric build when chains are computed per unit, else none.
     */
    private long diagonalEntries(TileGrid.Tile t) {
        return chainsPerUnit && tiles.symmetric() && t.row() == t.col() ? t.rows() : 0;
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

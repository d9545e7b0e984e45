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
import org.nd4j.linalg.factory.Nd4j;

/**
 * A running Gram build (see {@link Gram}): two phases on a fixed pool of worker threads, first
 * every input's pass with itself (variance chains, and the diagonal when symmetric), then the
 * tiles of pairs. {@link #get()} waits for the result; {@link #cancel()} stops the workers at
 * their next pair.
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
            int threads, int tileSize, GramProgress progress) {
        this.kernel = kernel;
        this.rows1 = rows1;
        this.rows2 = rows2;
        this.symmetric = symmetric;
        this.withNtk = withNtk;
        this.threads = threads;
        this.tileSize = tileSize;
        this.progress = progress;
        this.entryLength = kernel.outputShape().length();
        int chain = kernel.chainLength();
        this.chains1 = new double[rows1.length][chain];
        this.chains2 = symmetric ? chains1 : new double[rows2.length][chain];
        long n1 = rows1.length, n2 = rows2.length;
        long entries = Math.multiplyExact(Math.multiplyExact(n1, n2), entryLength);
        if (entries > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Gram of " + n1 + " x " + n2 + " x " + entryLength
                    + " entries does not fit one array; split X into blocks");
        }
        this.outNngp = new double[(int) entries];
        this.outNtk = withNtk ? new double[(int) entries] : null;
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
            boolean withNtk, int threads, int tileSize, GramProgress progress) {
        return new GramJob(kernel, rows1, rows2, symmetric, withNtk, threads, tileSize, progress);
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
            long[] shape = resultShape();
            return new Kernel(Nd4j.create(outNngp, shape, 'c'), outNtk == null ? null : Nd4j.create(outNtk, shape, 'c'));
        } finally {
            progress.finished(done.get(), total, (System.nanoTime() - startNanos) / 1e9);
        }
    }

    private long[] resultShape() {
        KernelShape out = kernel.outputShape();
        int[] sp = out.spatial();
        int copies = out.full() ? 2 : 1;
        long[] shape = new long[2 + copies * sp.length];
        shape[0] = rows1.length;
        shape[1] = rows2.length;
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < sp.length; i++) {
                shape[2 + c * sp.length + i] = sp[i];
            }
        }
        return shape;
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

    private List<Task> tileTasks() {
        List<Task> tasks = new ArrayList<>();
        int n1 = rows1.length, n2 = rows2.length;
        for (int i0 = 0; i0 < n1; i0 += tileSize) {
            for (int j0 = symmetric ? i0 : 0; j0 < n2; j0 += tileSize) {
                int iFrom = i0, iTo = Math.min(n1, i0 + tileSize);
                int jFrom = j0, jTo = Math.min(n2, j0 + tileSize);
                tasks.add(ws -> computeTile(ws, iFrom, iTo, jFrom, jTo));
            }
        }
        return tasks;
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
        KernelShape shape = kernel.outputShape();
        if (!shape.full() || entryLength == 1) {
            System.arraycopy(out, from, out, to, entryLength);
            return;
        }
        int p = shape.positions();
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                out[to + b * p + a] = out[from + a * p + b];
            }
        }
    }

    private void advance(int count) {
        if (count == 0) {
            return;
        }
        long d = done.addAndGet(count);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = seconds > 0 ? d / seconds : 0;
        double eta = rate > 0 ? (total - d) / rate : Double.POSITIVE_INFINITY;
        synchronized (progress) {
            progress.update(d, total, rate, eta);
        }
    }
}

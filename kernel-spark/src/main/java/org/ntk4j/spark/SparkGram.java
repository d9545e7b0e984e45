package org.ntk4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.GramCheckpoint;
import org.ntk4j.core.GramOutput;
import org.ntk4j.core.GramTiles;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.Precision;
import org.ntk4j.core.TileBlock;
import org.ntk4j.core.TileGrid;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.spec.NetworkSpec;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Builds the Gram matrices {@code K(X1, X2)} (NNGP) and {@code Θ(X1, X2)} (NTK) of a network spec
 * on an Apache Spark cluster, bit-identical to the local {@link org.ntk4j.core.Gram} builder with
 * the same tile size.
 *
 * <p>The Gram is split into the tiles of the local builder (X1 × X2, or the upper triangle of X × X),
 * grouped into units of consecutive tiles of one row ({@link GramTiles#units}), one Spark task per
 * unit. The network spec travels to the executors as JSON (each executor parses it and checks that
 * it gets the driver's network), the inputs with the job or through a shared path
 * ({@link SparkInputs}). Each task computes its tiles with the local engine ({@link GramTiles}, the
 * code the local builder runs) and either sends them back to the driver, which assembles the Gram
 * ({@link #compute}), or writes them as {@code .npy} tiles into a shared tile directory in the layout
 * of a local checkpoint ({@link GramCheckpoint}), for Grams too large for the driver
 * ({@link #writeTiles}). With a tile directory, tiles already in it are not computed again: a build
 * stopped mid-way, or one started by the local builder with {@code Gram.checkpoint(dir)}, resumes
 * from its finished tiles, and the local builder resumes a Spark build's directory the same way.
 * A task that fails is retried by Spark ({@code spark.task.maxFailures}; on {@code local[N]} masters
 * only with {@code local[N,F]}); its retry restores the tiles the failed attempt wrote.
 *
 * <p>Immutable: every setter returns a new builder, e.g.
 * {@code SparkGram.of(sc, json).tileSize(32).progress(p).compute(SparkInputs.of(x))}.
 */
public final class SparkGram {
    private final JavaSparkContext sc;
    private final String specJson;
    private final Layer network;
    private final Precision precision;
    private final int tileSize;
    private final int tilesPerTask;
    private final boolean ntk;
    private final Path tileDir;
    private final SparkGramProgress progress;
    private final Faults faults;

    /** Test hooks: the spec executors get instead of the driver's, and injected task failures. */
    record Faults(String shippedSpec, Set<Integer> failFirst, Set<Integer> failAlways) {
        static final Faults NONE = new Faults(null, Set.of(), Set.of());
    }

    private SparkGram(JavaSparkContext sc, String specJson, Layer network, Precision precision, int tileSize,
            int tilesPerTask, boolean ntk, Path tileDir, SparkGramProgress progress, Faults faults) {
        this.sc = sc;
        this.specJson = specJson;
        this.network = network;
        this.precision = precision;
        this.tileSize = tileSize;
        this.tilesPerTask = tilesPerTask;
        this.ntk = ntk;
        this.tileDir = tileDir;
        this.progress = progress;
        this.faults = faults;
    }

    /**
     * A builder for the network of {@code specJson} (see {@link NetworkSpec}) on {@code sc}: tiles of
     * 32, 4 tiles per task, NNGP and NTK, no tile directory, no progress output.
     *
     * @throws IllegalArgumentException when the spec cannot be parsed, saying why
     */
    public static SparkGram of(JavaSparkContext sc, String specJson) {
        if (sc == null) {
            throw new IllegalArgumentException("Spark context is null");
        }
        if (specJson == null) {
            throw new IllegalArgumentException("network spec is null");
        }
        Layer network;
        try {
            network = NetworkSpec.parse(specJson);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("network spec: " + e.getMessage(), e);
        }
        return new SparkGram(sc, specJson, network, Precision.FLOAT64, GramTiles.AUTO_TILE_SIZE, 4, true, null,
                SparkGramProgress.NONE, Faults.NONE);
    }

    /**
     * Rows (and columns) of X per tile, as {@code Gram.tileSize}, or {@link GramTiles#AUTO_TILE_SIZE}
     * for the default (the same as the local builder's); the same tile size gives the same bits.
     */
    public SparkGram tileSize(int n) {
        if (n < 1 && n != GramTiles.AUTO_TILE_SIZE) {
            throw new IllegalArgumentException("tile size must be at least 1, got " + n);
        }
        return new SparkGram(sc, specJson, network, precision, n, tilesPerTask, ntk, tileDir, progress, faults);
    }

    /**
     * Tiles per Spark task for networks computed pair by pair (convolutional, pooled): each task
     * first runs its inputs' passes with themselves, about {@code (1 + n)·T} of them for
     * {@code n·T²} pairs. Fully connected (and flatten-first) networks always take one panel of whole
     * rows of tiles ({@code GramTiles.PANEL_ROWS} inputs) per task, for their matrix products to have
     * the local builder's shapes.
     */
    public SparkGram tilesPerTask(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("tiles per task must be at least 1, got " + n);
        }
        return new SparkGram(sc, specJson, network, precision, tileSize, n, ntk, tileDir, progress, faults);
    }

    /**
     * Evaluate every pair in {@code p} (see {@link Precision}); the executors are sent it with the
     * spec, and a tile directory of the other precision is refused.
     */
    public SparkGram precision(Precision p) {
        if (p == null) {
            throw new IllegalArgumentException("precision is null");
        }
        return new SparkGram(sc, specJson, network, p, tileSize, tilesPerTask, ntk, tileDir, progress, faults);
    }

    public Precision precision() {
        return precision;
    }

    /** Compute the NNGP only, skipping all NTK work; the result's ntk is null. */
    public SparkGram nngpOnly() {
        return new SparkGram(sc, specJson, network, precision, tileSize, tilesPerTask, false, tileDir, progress, faults);
    }

    /**
     * Keep every finished tile in {@code dir}, a directory every executor and the driver see at
     * this path (created if missing), in the layout of a local checkpoint, and restore the tiles
     * already there instead of computing them. A directory written for another network, other
     * inputs or other settings is refused with an {@link IllegalArgumentException} saying what differs.
     */
    public SparkGram tileDirectory(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("tile directory is null");
        }
        return new SparkGram(sc, specJson, network, precision, tileSize, tilesPerTask, ntk, dir.toAbsolutePath(), progress,
                faults);
    }

    /** Report progress to {@code listener}, on the driver. */
    public SparkGram progress(SparkGramProgress listener) {
        return new SparkGram(sc, specJson, network, precision, tileSize, tilesPerTask, ntk, tileDir,
                listener == null ? SparkGramProgress.NONE : listener, faults);
    }

    /** Test hook: the spec executors are sent instead of this builder's. */
    SparkGram shipSpec(String json) {
        return new SparkGram(sc, specJson, network, precision, tileSize, tilesPerTask, ntk, tileDir, progress,
                new Faults(json, faults.failFirst(), faults.failAlways()));
    }

    /** Test hook: the first attempt of each of these units fails after its first tile. */
    SparkGram failFirstAttempt(Integer... units) {
        return new SparkGram(sc, specJson, network, precision, tileSize, tilesPerTask, ntk, tileDir, progress,
                new Faults(faults.shippedSpec(), Set.of(units), faults.failAlways()));
    }

    /** Test hook: every attempt of each of these units fails before computing anything. */
    SparkGram failAlways(Integer... units) {
        return new SparkGram(sc, specJson, network, precision, tileSize, tilesPerTask, ntk, tileDir, progress,
                new Faults(faults.shippedSpec(), faults.failFirst(), Set.of(units)));
    }

    /** The parsed network. */
    public Layer network() {
        return network;
    }

    public int tileSize() {
        return tileSize;
    }

    public int tilesPerTask() {
        return tilesPerTask;
    }

    public boolean computesNtk() {
        return ntk;
    }

    /** The tile directory, or null. */
    public Path tileDirectory() {
        return tileDir;
    }

    /** {@code K(X, X)}, assembled on the driver; see {@link #compute(SparkInputs)}. */
    public Kernel kernel(INDArray x) {
        return compute(SparkInputs.of(x)).kernel();
    }

    /** {@code K(X1, X2)} ({@code x2 == x1}: symmetric), assembled on the driver; see {@link #compute(SparkInputs)}. */
    public Kernel kernel(INDArray x1, INDArray x2) {
        return compute(SparkInputs.of(x1, x2)).kernel();
    }

    /**
     * Computes the Gram on the cluster and assembles it on the driver (which needs memory for the
     * whole result, as the local builder). Blocks until done; interrupting the calling thread
     * cancels the Spark job.
     *
     * @throws IllegalArgumentException for a network that does not fit the inputs, a tile directory
     *     of another build, or a spec the executors cannot parse
     * @throws IllegalStateException when the Spark job fails otherwise (the executor's error in the message)
     * @throws CancellationException when cancelled
     */
    public SparkGramResult compute(SparkInputs inputs) {
        return run(inputs, true);
    }

    /**
     * Computes the Gram on the cluster into the {@link #tileDirectory tile directory} only; the
     * driver never holds it. {@code GramCheckpoint.assemble(dir)} reads a complete directory.
     *
     * @throws IllegalArgumentException when no tile directory is set, and as {@link #compute}
     */
    public SparkGramResult writeTiles(SparkInputs inputs) {
        if (tileDir == null) {
            throw new IllegalArgumentException("writeTiles needs a tile directory (tileDirectory(dir))");
        }
        return run(inputs, false);
    }

    private SparkGramResult run(SparkInputs inputs, boolean assemble) {
        Ntk4j.init();
        long start = System.nanoTime();
        GramTiles tiles = GramTiles.of(network.withPrecision(precision), inputs.shape(), inputs.rows1(), inputs.rows2(),
                inputs.symmetric(), ntk, tileSize);
        TileGrid grid = tiles.grid();
        if (assemble) {
            try {
                grid.outputLength();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + ", or write tiles only (writeTiles, --tiles-only)",
                        e);
            }
        }
        GramOutput output = assemble ? new GramOutput(grid, ntk) : null;
        GramCheckpoint store = tileDir == null ? null : GramCheckpoint.open(tileDir, tiles);
        Tracker tracker = new Tracker(grid, progress, start);

        List<WorkUnit> pending = new ArrayList<>();
        List<List<TileGrid.Tile>> units = tiles.units(tilesPerTask);
        for (int u = 0; u < units.size(); u++) {
            List<TileGrid.Tile> unit = units.get(u);
            if (store != null && restoredOnDriver(store, unit, output)) {
                tracker.restored(unit);
            } else {
                pending.add(new WorkUnit(u, unit));
            }
        }
        tracker.report();
        try {
            if (!pending.isEmpty()) {
                runJob(tiles, inputs, pending, assemble, tracker, output);
            }
        } finally {
            tracker.finished();
        }
        Kernel kernel = assemble ? output.kernel() : null;
        return new SparkGramResult(kernel, grid.tiles().size(), tracker.restoredTiles, tracker.computedTiles,
                pending.size(), (System.nanoTime() - start) / 1e9, tracker.scalarExecutors());
    }

    /**
     * Whether all the unit's tiles are in the tile directory: read and pasted into {@code output} when
     * assembling, else ({@code output} null) only checked against their checksums (executors read what they
     * restore); a damaged tile is reported and deleted, and its unit computed again.
     */
    private static boolean restoredOnDriver(GramCheckpoint store, List<TileGrid.Tile> unit, GramOutput output) {
        if (output == null) {
            return unit.stream().allMatch(store::verify);
        }
        List<TileBlock> blocks = new ArrayList<>();
        for (TileGrid.Tile t : unit) {
            TileBlock b = store.load(t);
            if (b == null) {
                return false;
            }
            blocks.add(b);
        }
        blocks.forEach(output::paste);
        return true;
    }

    private void runJob(GramTiles tiles, SparkInputs inputs, List<WorkUnit> pending, boolean assemble,
            Tracker tracker, GramOutput output) {
        String id = UUID.randomUUID().toString();
        List<Broadcast<?>> broadcasts = new ArrayList<>();
        InputSource x1, x2;
        if (inputs.isShared()) {
            x1 = InputSource.sharedFile(inputs.file1(), Inputs.fingerprint(inputs.rows1()));
            x2 = inputs.symmetric() ? null : InputSource.sharedFile(inputs.file2(), Inputs.fingerprint(inputs.rows2()));
        } else {
            Broadcast<double[][]> b1 = sc.broadcast(inputs.rows1());
            broadcasts.add(b1);
            x1 = InputSource.broadcast(b1);
            if (inputs.symmetric()) {
                x2 = null;
            } else {
                Broadcast<double[][]> b2 = sc.broadcast(inputs.rows2());
                broadcasts.add(b2);
                x2 = InputSource.broadcast(b2);
            }
        }
        ShippedBuild build = new ShippedBuild(id, faults.shippedSpec() == null ? specJson : faults.shippedSpec(),
                network.withPrecision(precision).fingerprint(), precision, x1, x2, inputs.shape().spatial(),
                inputs.shape().channels(), ntk, tileSize,
                tileDir == null ? null : tileDir.toString(), assemble, faults.failFirst(), faults.failAlways());
        TileGrid grid = tiles.grid();
        JavaRDD<WorkUnit> rdd = sc.parallelize(pending, pending.size());
        List<Object> partitions = new ArrayList<>();
        for (int p = 0; p < pending.size(); p++) {
            partitions.add(p);
        }
        AbstractFunction2<Object, UnitResult, BoxedUnit> handler = new AbstractFunction2<>() {
            @Override
            public BoxedUnit apply(Object partition, UnitResult result) {
                if (output != null) {
                    result.blocks().forEach(output::paste);
                }
                tracker.finished(result, pending.get((Integer) partition).tiles());
                return BoxedUnit.UNIT;
            }
        };
        sc.setJobGroup(id, "ntk4j Gram " + grid.n1() + " x " + grid.n2() + (grid.symmetric() ? " symmetric" : "")
                + ", " + pending.size() + " tasks", true);
        try {
            SimpleFutureAction<BoxedUnit> job = sc.sc().submitJob(rdd.rdd(), new UnitTask(build),
                    scala.jdk.javaapi.CollectionConverters.asScala(partitions).toSeq(), handler,
                    new AbstractFunction0<BoxedUnit>() {
                        @Override
                        public BoxedUnit apply() {
                            return BoxedUnit.UNIT;
                        }
                    });
            await(job, id);
        } finally {
            sc.clearJobGroup();
            for (Broadcast<?> b : broadcasts) {
                b.destroy();
            }
        }
    }

    /** Waits for the job; an interrupt cancels it. */
    private void await(SimpleFutureAction<BoxedUnit> job, String group) {
        try {
            while (!job.isCompleted()) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            sc.cancelJobGroup(group);
            Thread.currentThread().interrupt();
            throw new CancellationException("Spark Gram build interrupted; its job was cancelled");
        }
        try {
            job.get();
        } catch (Exception e) {
            throw JobFailures.translate(e);
        }
    }

    /** Counts finished tiles and reports them; called on the driver, from the job's result handler. */
    private static final class Tracker {
        private final TileGrid grid;
        private final SparkGramProgress progress;
        private final long startNanos;
        private final int tilesTotal;
        private final long entriesTotal;
        private int tilesDone;
        private int restoredTiles;
        private int computedTiles;
        private long entriesDone;
        private long entriesRestored;
        private final Set<String> scalar = new java.util.LinkedHashSet<>();

        Tracker(TileGrid grid, SparkGramProgress progress, long startNanos) {
            this.grid = grid;
            this.progress = progress;
            this.startNanos = startNanos;
            List<TileGrid.Tile> all = grid.tiles();
            this.tilesTotal = all.size();
            this.entriesTotal = all.stream().mapToLong(this::entries).sum();
        }

        /** Entries of the Gram in a tile, the diagonal included. */
        private long entries(TileGrid.Tile t) {
            return grid.symmetric() && t.row() == t.col() ? (long) t.rows() * (t.rows() + 1) / 2
                    : (long) t.rows() * t.cols();
        }

        synchronized void restored(List<TileGrid.Tile> unit) {
            for (TileGrid.Tile t : unit) {
                tilesDone++;
                restoredTiles++;
                entriesDone += entries(t);
                entriesRestored += entries(t);
            }
        }

        /**
         * A task's tiles arrived: restored ones (by its executor, e.g. those a failed attempt wrote) count
         * as restored in tiles and in entries, as those the driver restored, so that the rate and the ETA are
         * of computed entries only and the bar's "restored" is the summary's.
         */
        synchronized void finished(UnitResult result, List<TileGrid.Tile> unit) {
            restoredTiles += result.restored();
            computedTiles += result.computed();
            entriesRestored += result.restoredEntries();
            for (TileGrid.Tile t : unit) {
                tilesDone++;
                entriesDone += entries(t);
            }
            if (!result.simd() && result.computed() > 0 && scalar.add(result.executor()) && scalar.size() == 1) {
                progress.warning(result.executor() + " computes without the Vector API (scalar loops: the same "
                        + "bits, 1.5-2.7x slower): start the executors with --add-modules=jdk.incubator.vector in "
                        + "spark.executor.extraJavaOptions (and without -Dntk4j.scalar=true)");
            }
            report();
        }

        synchronized List<String> scalarExecutors() {
            return new ArrayList<>(scalar);
        }

        synchronized void report() {
            progress.update(status());
        }

        synchronized void finished() {
            progress.finished(status());
        }

        private SparkGramStatus status() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long computed = entriesDone - entriesRestored;
            double rate = seconds > 0 ? computed / seconds : 0;
            double eta = entriesDone == entriesTotal ? 0 : rate > 0 ? (entriesTotal - entriesDone) / rate
                    : Double.POSITIVE_INFINITY;
            return new SparkGramStatus(tilesDone, tilesTotal, restoredTiles, entriesDone, entriesTotal,
                    entriesRestored, seconds, eta);
        }
    }
}

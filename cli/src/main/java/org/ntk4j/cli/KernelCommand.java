package org.ntk4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.ConsoleProgressBar;
import org.ntk4j.core.Gram;
import org.ntk4j.core.GramCheckpoint;
import org.ntk4j.core.GramProgress;
import org.ntk4j.core.GramTiles;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.Precision;
import org.ntk4j.core.io.Npy;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.spec.NetworkSpec;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code ntk4j kernel}: the NNGP and NTK Gram matrices of a network spec on inputs from .npy
 * files, written to an .npz archive.
 */
@CommandLine.Command(name = "kernel", sortOptions = false,
        description = {"Compute the NNGP and NTK kernels of a network on .npy inputs.",
            "",
            "Computes K(X1, X2) for the network in --spec and writes an .npz archive with arrays 'nngp' and "
                    + "'ntk' (float64, shape (N1, N2)); without --x2 the symmetric kernel of X1 with itself is computed, each "
                    + "pair once. Progress and a one-line summary go to stderr.",
            ""},
        footerHeading = "%n", footer = {"Examples:",
            "  ntk4j kernel --spec examples/data/cnn_gap.json \\",
            "               --x1 examples/data/x_small.npy --out k.npz",
            "  ntk4j kernel --precision float32 --spec examples/data/cnn_gap.json \\",
            "               --x1 examples/data/x_small.npy --out k32.npz",
            "  ntk4j kernel --spark 'local[2]' --spec examples/data/cnn_gap.json \\",
            "               --x1 examples/data/x_small.npy --out k.npz"})
public final class KernelCommand implements Command {
    @Option(names = "--spec", required = true, paramLabel = "FILE",
            description = "Network spec, JSON with neural-tangents layer names and keys, e.g. "
                    + "{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}]}.")
    Path spec;

    @Option(names = "--x1", required = true, paramLabel = "FILE",
            description = "Inputs X1, an .npy array of shape (N1, D), (N1, W, C) or (N1, H, W, C), channels last.")
    Path x1;

    @Option(names = "--x2", paramLabel = "FILE",
            description = "Inputs X2, an .npy array with the same per-input shape as X1 (default: X1).")
    Path x2;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Output .npz archive (overwritten if it exists); required unless --tiles-only.")
    Path out;

    @Option(names = "--nngp-only", description = "Compute and write only 'nngp' (skips all NTK work).")
    boolean nngpOnly;

    @Option(names = "--compress", description = "Write the .npz DEFLATE-compressed, as numpy.savez_compressed "
            + "(about 10 %% smaller for kernel matrices, seconds slower per 100 MB); by default its entries are "
            + "stored, as numpy.savez writes them.")
    boolean compress;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "float64",
            description = "float64 (default) or float32: the precision every pair is evaluated in. float32 is about "
                    + "2x faster on pooled CNNs, within about 1e-5 relative; the output stays float64 arrays.")
    String precision;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: all available cores).")
    Integer threads;

    @Option(names = "--tile-size", paramLabel = "T",
            description = "Rows and columns of the kernel per work tile (default: 64 for fully connected networks, "
                    + "else 32).")
    Integer tileSize;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Keep finished tiles in DIR (created if missing); run again with the same arguments to "
                    + "compute only the tiles still missing, with a bit-identical result. A DIR of another spec, "
                    + "other inputs or other settings is refused.")
    Path checkpoint;

    @Option(names = "--no-fsync",
            description = "With --checkpoint: do not sync tiles to disk (they still survive a killed process, not a "
                    + "power cut). Syncing costs a few milliseconds per tile, which matters only for tiles that are "
                    + "computed in milliseconds (small --tile-size, fully connected networks).")
    boolean noFsync;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Compute on Apache Spark: local[N], local[N,F] (F attempts per task), spark://host:port, "
                    + "k8s://https://host:port, yarn, or 'submit' for the master spark-submit was given. The result is "
                    + "bit-identical to a local run with the same --tile-size; --checkpoint DIR is then a tile directory "
                    + "that the driver and every executor must see at that path.")
    String spark;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
            description = "A Spark configuration setting for --spark (repeatable), e.g. spark.executor.memory=8g.")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--spark-executor-wait", paramLabel = "SECONDS",
            description = "With a cluster --spark master: how long to wait for a first executor before giving up "
                    + "(default: 60), e.g. longer on a shared cluster where other applications hold the cores.")
    Integer sparkExecutorWait;

    @Option(names = "--tiles-per-task", paramLabel = "N", defaultValue = "4",
            description = "With --spark: tiles per Spark task for networks computed pair by pair (default: "
                    + "${DEFAULT-VALUE}); fully connected networks take one panel of up to 256 rows per task.")
    int tilesPerTask;

    @Option(names = "--shared-inputs",
            description = "With --spark: executors read --x1 and --x2 from the same paths (a shared file system) "
                    + "instead of receiving them with the job; for inputs too large to broadcast.")
    boolean sharedInputs;

    @Option(names = "--tiles-only",
            description = "With --spark and --checkpoint DIR: only write the tiles to DIR (no --out, the driver never "
                    + "holds the Gram), for Grams too large for one machine's memory.")
    boolean tilesOnly;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary on stderr (errors are still printed).")
    boolean quiet;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public int run(PrintStream stdout, PrintStream err) throws IOException {
        if (noFsync && checkpoint == null) {
            throw new CliException("--no-fsync applies only with --checkpoint DIR");
        }
        if (!noFsync) {
            return build(stdout, err);
        }
        // The checkpoint code reads the property when it writes a tile (on a Spark driver and its
        // local executors alike); it is restored when the command ends.
        String saved = System.getProperty(GramCheckpoint.FSYNC_PROPERTY);
        System.setProperty(GramCheckpoint.FSYNC_PROPERTY, "false");
        try {
            return build(stdout, err);
        } finally {
            if (saved == null) {
                System.clearProperty(GramCheckpoint.FSYNC_PROPERTY);
            } else {
                System.setProperty(GramCheckpoint.FSYNC_PROPERTY, saved);
            }
        }
    }

    private int build(PrintStream stdout, PrintStream err) throws IOException {
        if (threads != null && threads < 1) {
            throw new CliException("--threads must be at least 1, got " + threads);
        }
        if (tileSize != null && tileSize < 1) {
            throw new CliException("--tile-size must be at least 1, got " + tileSize);
        }
        CliFiles.requireNonEmpty("--out", out, "a file name such as k.npz");
        CliFiles.requireNonEmpty("--checkpoint", checkpoint, "a directory name such as k-tiles");
        checkSparkOptions();
        checkOutputsAreNotInputs();
        if (out != null) {
            Path outDir = out.toAbsolutePath().getParent();
            if (outDir != null && !Files.isDirectory(outDir)) {
                throw new CliException("--out " + out + ": directory " + outDir + " does not exist");
            }
            if (Files.isDirectory(out)) {
                throw new CliException("--out " + out + " is a directory; give a file name such as k.npz");
            }
        }
        Precision p;
        try {
            p = Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new CliException("--precision: " + e.getMessage(), e);
        }
        Ntk4j.init();
        Layer network = CliFiles.read("--spec", spec, () -> NetworkSpec.read(spec));
        INDArray a1 = CliFiles.read("--x1", x1, () -> Npy.read(x1));
        INDArray a2 = x2 == null ? a1 : CliFiles.read("--x2", x2, () -> Npy.read(x2));
        InputShape shape = Inputs.shapeOf(a1, "--x1 " + x1);
        if (x2 != null) {
            Inputs.shapeOf(a2, "--x2 " + x2);
            Inputs.commonShape(a1, a2);
        }
        try {
            network.compile(shape); // checked here so that errors name the spec file; Gram compiles again (cheap)
        } catch (IllegalArgumentException e) {
            throw new CliException(spec + ": " + e.getMessage(), e);
        }

        if (checkpoint != null) {
            checkCheckpointPrecision(checkpoint, network, p);
        }
        if (spark != null) {
            return runOnSpark(a1, a2, p, err);
        }
        String label = nngpOnly ? "nngp" : "nngp+ntk";
        Recorder recorder = new Recorder(quiet ? GramProgress.NONE
                : new ConsoleProgressBar(err, err == System.err && System.console() != null, label));
        Gram gram = Gram.of(network.withPrecision(p)).progress(recorder);
        if (tileSize != null) {
            gram = gram.tileSize(tileSize);
        }
        if (threads != null) {
            gram = gram.threads(threads);
        }
        if (nngpOnly) {
            gram = gram.nngpOnly();
        }
        if (checkpoint != null) {
            gram = gram.checkpoint(checkpoint);
        }
        long start = System.nanoTime();
        Kernel k = x2 == null ? gram.compute(a1) : gram.compute(a1, a2);
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("nngp", k.nngp());
        if (!nngpOnly) {
            arrays.put("ntk", k.ntk());
        }
        CliFiles.write(out, arrays, compress);

        if (!quiet) {
            long entries = recorder.finished ? recorder.done : k.nngp().length();
            err.println(String.format(Locale.ROOT, "ntk4j kernel: %s %s%s, %s entries in %.2f s (%.1f entries/s), "
                            + "%d threads -> %s", label, shape(k.nngp()), x2 == null ? " symmetric" : "",
                    count(k.nngp().size(0), k.nngp().size(1), x2 == null, entries),
                    seconds, seconds > 0 ? entries / seconds : 0.0, gram.threads(), out));
        }
        return Main.OK;
    }

    /** Refuses, before any work, an --out or --checkpoint that would overwrite an input or each other. */
    private void checkOutputsAreNotInputs() {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--spec", spec);
        inputs.put("--x1", x1);
        inputs.put("--x2", x2);
        CliFiles.requireNotAnInput("--out", out, false, inputs);
        CliFiles.requireNotAnInput("--checkpoint", checkpoint, true, inputs);
        if (out != null && checkpoint != null) {
            if (CliFiles.sameFile(out, checkpoint)) {
                throw new CliException("--out " + out + " is the --checkpoint directory; give the .npz another name");
            }
            if (CliFiles.checkpointOwns(checkpoint, out)) {
                throw new CliException("--out " + out + " is a file that --checkpoint " + checkpoint
                        + " writes (its manifest or a tile); give the .npz another name");
            }
        }
    }

    /**
     * Refuses a checkpoint written in the other precision with an error that says so: the manifest
     * records only the network's fingerprint, so the build alone could say no more than that it differs.
     */
    static void checkCheckpointPrecision(Path dir, Layer network, Precision p) {
        Path manifest = dir.resolve(org.ntk4j.core.GramCheckpoint.MANIFEST);
        String stored;
        try {
            stored = Files.isRegularFile(manifest)
                    ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile()).path("network")
                            .asText(null)
                    : null;
        } catch (IOException | RuntimeException e) {
            return; // the build reads the manifest again and reports what is wrong with it
        }
        if (stored == null || stored.equals(network.withPrecision(p).fingerprint())) {
            return;
        }
        for (Precision other : Precision.values()) {
            if (other != p && stored.equals(network.withPrecision(other).fingerprint())) {
                throw new CliException("--checkpoint " + dir + " is of another build: precision " + other.label()
                        + " in the checkpoint, " + p.label() + " in this run (--precision " + other.label()
                        + " resumes it); use another directory, or delete this one to start over");
            }
        }
    }

    /** Refuses option combinations that do not fit --spark (or its absence). */
    private void checkSparkOptions() {
        if (spark == null) {
            for (Map.Entry<String, Boolean> o : Map.of("--spark-conf", !sparkConf.isEmpty(), "--spark-executor-wait",
                    sparkExecutorWait != null, "--tiles-per-task",
                    tilesPerTask != 4, "--shared-inputs", sharedInputs, "--tiles-only", tilesOnly).entrySet()) {
                if (o.getValue()) {
                    throw new CliException(o.getKey() + " applies only with --spark MASTER");
                }
            }
            if (out == null) {
                throw new CliException("missing required option --out FILE");
            }
            return;
        }
        if (threads != null) {
            throw new CliException("--threads applies to local runs; with --spark, Spark's executor cores set the "
                    + "parallelism (e.g. local[4], or --spark-conf spark.executor.cores=8)");
        }
        checkSparkMaster(spark);
        for (String key : sparkConf.keySet()) {
            if (!key.startsWith("spark.") || key.length() == "spark.".length()) {
                throw new CliException("--spark-conf " + key + ": not a Spark setting; keys start with 'spark.', e.g. "
                        + "--spark-conf spark.executor.memory=8g");
            }
        }
        if (tilesPerTask < 1) {
            throw new CliException("--tiles-per-task must be at least 1, got " + tilesPerTask);
        }
        if (sparkExecutorWait != null && sparkExecutorWait < 1) {
            throw new CliException("--spark-executor-wait must be at least 1 second, got " + sparkExecutorWait);
        }
        if (tilesOnly && checkpoint == null) {
            throw new CliException("--tiles-only needs --checkpoint DIR, the tile directory to write");
        }
        if (tilesOnly && out != null) {
            throw new CliException("--tiles-only writes no --out file; drop one of them");
        }
        if (!tilesOnly && out == null) {
            throw new CliException("missing required option --out FILE (or --tiles-only with --checkpoint DIR)");
        }
        if (!SparkKernel.available()) {
            throw new CliException("--spark needs Apache Spark 3.5 (Scala 2.13) on the class path: run "
                    + "'mvn -B -q package -DskipTests' (bin/ntk4j then adds the jars in cli/target/spark-classpath.txt), "
                    + "or run under spark-submit");
        }
    }

    private static final java.util.regex.Pattern SPARK_MASTER = java.util.regex.Pattern.compile(
            "local|local\\[(\\*|[1-9]\\d{0,5})(,[1-9]\\d{0,5})?]|local-cluster\\[[1-9]\\d*,[1-9]\\d*,[1-9]\\d*]"
                    + "|spark://[^,:/\\s]+(:\\d{1,5})?(,[^,:/\\s]+(:\\d{1,5})?)*|k8s://\\S+|yarn|" + "submit");

    /** Refuses, before any work, a --spark value that is not a master URL Spark accepts (e.g. local[0]). */
    static void checkSparkMaster(String master) {
        if (!SPARK_MASTER.matcher(master).matches()) {
            throw new CliException("--spark '" + master + "' is not a Spark master URL: expected local, local[N] or local[*] "
                    + "(N >= 1 threads), local[N,F] (F >= 1 attempts per task), spark://host:port[,host:port...], "
                    + "k8s://https://host:port, yarn, or submit");
        }
    }

    private int runOnSpark(INDArray a1, INDArray a2, Precision p, PrintStream err) throws IOException {
        String label = nngpOnly ? "nngp" : "nngp+ntk";
        long start = System.nanoTime();
        SparkKernel.Outcome o = SparkKernel.run(new SparkKernel.Request(spark, sparkConf,
                java.time.Duration.ofSeconds(sparkExecutorWait == null ? SparkKernel.DEFAULT_EXECUTOR_WAIT_SECONDS
                        : sparkExecutorWait), spec, a1, x1,
                x2 == null ? null : a2, x2, sharedInputs, nngpOnly, p,
                tileSize == null ? GramTiles.AUTO_TILE_SIZE : tileSize, tilesPerTask, checkpoint, tilesOnly, quiet,
                err == System.err && System.console() != null), err);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (o.kernel() != null) {
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            arrays.put("nngp", o.kernel().nngp());
            if (!nngpOnly) {
                arrays.put("ntk", o.kernel().ntk());
            }
            CliFiles.write(out, arrays, compress);
        }
        if (!quiet) {
            long n1 = a1.size(0), n2 = a2.size(0);
            long entries = x2 == null ? n1 * (n1 + 1) / 2 : n1 * n2;
            err.println(String.format(Locale.ROOT, "ntk4j kernel: %s (%d, %d)%s, %s entries in %.2f s (%.1f entries/s), "
                            + "spark %s: %d tiles (%d restored, %d computed) in %d tasks%s -> %s", label, n1, n2,
                    x2 == null ? " symmetric" : "", count(n1, n2, x2 == null, entries), seconds,
                    seconds > 0 ? entries / seconds : 0.0, o.master(),
                    o.tiles(), o.restored(), o.computed(), o.tasks(),
                    o.scalarExecutors().isEmpty() ? "" : ", without the Vector API on " + o.scalarExecutors(),
                    o.kernel() == null ? checkpoint : out));
        }
        return Main.OK;
    }

    /** {@code N1×N2 = 35} for a cross build, {@code N(N+1)/2 = 28} for a symmetric one (the entries computed). */
    private static String count(long n1, long n2, boolean symmetric, long entries) {
        return (symmetric ? n1 + "·" + (n1 + 1) + "/2" : n1 + "×" + n2) + " = " + entries;
    }

    private static String shape(INDArray a) {
        return Arrays.stream(a.shape()).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Passes progress on and remembers the final count of kernel entries. */
    private static final class Recorder implements GramProgress {
        private final GramProgress delegate;
        private volatile boolean finished;
        private volatile long done;

        Recorder(GramProgress delegate) {
            this.delegate = delegate;
        }

        @Override
        public void update(long done, long total, double entriesPerSecond, double etaSeconds) {
            delegate.update(done, total, entriesPerSecond, etaSeconds);
        }

        @Override
        public void finished(long done, long total, double seconds) {
            this.done = done;
            this.finished = true;
            delegate.finished(done, total, seconds);
        }
    }
}

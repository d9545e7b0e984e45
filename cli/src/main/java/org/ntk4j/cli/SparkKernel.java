package org.ntk4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Precision;
import org.ntk4j.spark.SparkGram;
import org.ntk4j.spark.SparkGramProgress;
import org.ntk4j.spark.SparkGramResult;
import org.ntk4j.spark.SparkInputs;
import org.ntk4j.spark.SparkMaster;
import org.ntk4j.spark.TileProgressBar;

/**
 * {@code ntk4j kernel --spark MASTER}: the Gram built by {@link SparkGram} on a Spark master. Only
 * this class refers to Spark, so that the command line runs without Spark on the class path and says
 * so when {@code --spark} is given ({@link #available()}).
 */
final class SparkKernel {
    /** How long to wait for a first executor on a cluster master. */
    private static final Duration EXECUTOR_WAIT = Duration.ofSeconds(60);

    /**
     * What {@code kernel --spark} was asked to do: inputs X1 ({@code x1}, read from {@code x1File})
     * and X2 ({@code x2}, or null for the symmetric Gram), sent with the job or, when
     * {@code sharedInputs}, read by the executors from the same files.
     */
    record Request(String master, Map<String, String> conf, Path spec, INDArray x1, Path x1File, INDArray x2,
            Path x2File, boolean sharedInputs, boolean nngpOnly, Precision precision, int tileSize, int tilesPerTask,
            Path tileDir,
            boolean tilesOnly, boolean quiet, boolean interactive) {
    }

    /**
     * The outcome: the Gram (null when only tiles were written), tiles of the build, restored from the
     * tile directory and computed, Spark tasks run, and the master's URL.
     */
    record Outcome(Kernel kernel, int tiles, int restored, int computed, int tasks, String master) {
    }

    private SparkKernel() {
    }

    /** Whether Spark's classes are on the class path. */
    static boolean available() {
        try {
            Class.forName("org.apache.spark.SparkContext", false, SparkKernel.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Runs the build: the Gram assembled on the driver, or only written to the tile directory when
     * {@code tilesOnly}.
     *
     * @throws CliException when the master cannot be reached, the tile directory is of another build,
     *     or the Spark job fails (with the executor's error)
     */
    static Outcome run(Request r, PrintStream err) throws IOException {
        quietSparkLogs();
        String json = Files.readString(r.spec());
        JavaSparkContext sc;
        try {
            sc = SparkMaster.connect(r.master(), "ntk4j kernel", r.conf(), EXECUTOR_WAIT);
        } catch (IllegalArgumentException e) {
            throw new CliException("--spark " + r.master() + ": " + e.getMessage(), e);
        } catch (Exception e) { // SparkException and others: Spark refused the master or a --spark-conf setting
            throw new CliException("--spark " + r.master() + (r.conf().isEmpty() ? "" : " with --spark-conf " + r.conf())
                    + ": Spark did not start: " + e, e);
        }
        try {
            SparkGram gram = SparkGram.of(sc, json).precision(r.precision()).tileSize(r.tileSize())
                    .tilesPerTask(r.tilesPerTask());
            if (r.nngpOnly()) {
                gram = gram.nngpOnly();
            }
            if (r.tileDir() != null) {
                gram = gram.tileDirectory(r.tileDir());
            }
            if (!r.quiet()) {
                gram = gram.progress(progressBar(err, r.interactive(), r.nngpOnly() ? "nngp" : "nngp+ntk"));
            }
            SparkInputs inputs = r.sharedInputs() ? SparkInputs.shared(r.x1File(), r.x2File())
                    : r.x2() == null ? SparkInputs.of(r.x1()) : SparkInputs.of(r.x1(), r.x2());
            SparkGramResult res = r.tilesOnly() ? gram.writeTiles(inputs) : gram.compute(inputs);
            return new Outcome(res.kernel(), res.tiles(), res.restored(), res.computed(), res.tasks(), sc.master());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(e.getMessage(), e);
        } finally {
            sc.stop();
        }
    }

    private static SparkGramProgress progressBar(PrintStream err, boolean interactive, String label) {
        return new TileProgressBar(err, interactive, "spark " + label);
    }

    /** Spark's and Hadoop's warnings (native libraries, loopback host names) off the terminal, unless asked for. */
    private static void quietSparkLogs() {
        for (String logger : new String[] {"org.apache.spark", "org.apache.hadoop", "org.sparkproject"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        }
    }
}

package org.ntk4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.GramProgress;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Precision;

/**
 * Gram builds on a Spark cluster for programs that are not the command line (the Fig2 example's
 * {@code --spark}), connected the way {@code ntk4j kernel --spark MASTER} connects: a cluster master
 * gets ntk4j's application jar, the Vector API module, Spark's {@code --add-opens} flags and ND4J's
 * memory limits unless the user set them; {@code local-cluster} masters are checked for
 * {@code SPARK_HOME}; Spark's log noise is turned down. Each build is an
 * {@link org.ntk4j.spark.SparkGram} job, bit-identical to the local {@link org.ntk4j.core.Gram} builder.
 *
 * <p>Its public methods name no Spark type, so that callers compile and run without Spark on the
 * class path until they open a connection; {@link #open} says clearly when Spark is missing.
 * Close it to stop the Spark context. See {@code docs/spark-cluster.md}.
 */
public final class SparkGrams implements AutoCloseable {
    private final Object context; // a JavaSparkContext, kept as Object so that loading this class needs no Spark

    private SparkGrams(Object context) {
        this.context = context;
    }

    /**
     * Connects to {@code master} ({@code local[N]}, {@code spark://host:port}, {@code k8s://...},
     * {@code submit}) with the extra settings {@code conf}, as application {@code appName}; one line
     * on {@code err} says what it connected to and what was filled in (nothing when {@code err} is
     * null). Waits up to a minute for a first executor on a cluster master.
     *
     * @throws IllegalArgumentException when Spark is not on the class path, or the master cannot be
     *     reached or started (with the reason)
     */
    public static SparkGrams open(String master, Map<String, String> conf, String appName, PrintStream err) {
        if (!SparkKernel.available()) {
            throw new IllegalArgumentException("--spark " + master + ": Spark's classes are not on the class path; "
                    + "the launchers (bin/ntk4j, bin/ntk4j-example) add the jars 'mvn -B -q package' lists in "
                    + "cli/target/spark-classpath.txt");
        }
        try {
            return new SparkGrams(SparkKernel.connect(master, Map.copyOf(conf), Duration.ofSeconds(
                    SparkKernel.DEFAULT_EXECUTOR_WAIT_SECONDS), appName, err));
        } catch (CliException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * NNGP and NTK of the network {@code spec} (JSON, neural-tangents' layer names) on {@code x1}
     * against {@code x2} ({@code null}: the symmetric Gram of {@code x1}), evaluated in
     * {@code precision} by the cluster's executors and assembled on the driver; with a
     * {@code tileDir}, tiles already there (from a local checkpoint or an earlier Spark build) are
     * read back and new ones written there. {@code progress} hears the entries done.
     *
     * @throws IllegalArgumentException for a network that does not fit the inputs or a tile directory of
     *     another build
     * @throws IllegalStateException when the Spark job fails (the executor's error in the message)
     */
    public Kernel build(String spec, Precision precision, INDArray x1, INDArray x2, Path tileDir,
            GramProgress progress) {
        return SparkKernel.build((org.apache.spark.api.java.JavaSparkContext) context, spec, precision, x1, x2,
                tileDir, progress == null ? GramProgress.NONE : progress);
    }

    /** Stops the Spark context. */
    @Override
    public void close() {
        ((org.apache.spark.api.java.JavaSparkContext) context).stop();
    }
}

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
    /** The default of {@code --spark-executor-wait}: seconds to wait for a first executor on a cluster master. */
    static final int DEFAULT_EXECUTOR_WAIT_SECONDS = 60;
    /** The Spark application jar {@code mvn package} builds next to the cli's classes (cli/target). */
    static final String APPLICATION_JAR = "ntk4j-spark.jar";
    /** System property naming the jar(s) to ship instead of {@value #APPLICATION_JAR} (comma-separated). */
    static final String JARS_PROPERTY = "ntk4j.spark.jars";
    private static final java.util.regex.Pattern IN_DRIVER = java.util.regex.Pattern.compile("local(\\[.*])?");

    /**
     * What {@code kernel --spark} was asked to do: inputs X1 ({@code x1}, read from {@code x1File})
     * and X2 ({@code x2}, or null for the symmetric Gram), sent with the job or, when
     * {@code sharedInputs}, read by the executors from the same files.
     */
    record Request(String master, Map<String, String> conf, Duration executorWait, Path spec, INDArray x1,
            Path x1File, INDArray x2, Path x2File, boolean sharedInputs, boolean nngpOnly, Precision precision,
            int tileSize, int tilesPerTask, Path tileDir, boolean tilesOnly, boolean quiet, boolean interactive) {
    }

    /**
     * The configuration a cluster master gets: the user's settings, plus what ntk4j's executors need and the
     * user did not set ({@code filled}: key, then what was filled in, for the connection summary).
     */
    record Settings(Map<String, String> conf, Map<String, String> filled) {
    }

    /**
     * The outcome: the Gram (null when only tiles were written), tiles of the build, restored from the
     * tile directory and computed, Spark tasks run, and the master's URL.
     */
    record Outcome(Kernel kernel, int tiles, int restored, int computed, int tasks, String master,
            java.util.List<String> scalarExecutors) {
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
        String json = Files.readString(r.spec());
        JavaSparkContext sc = connect(r.master(), r.conf(), r.executorWait(), "ntk4j kernel", r.quiet() ? null : err);
        try {
            SparkGram gram = SparkGram.of(sc, json).precision(r.precision()).tileSize(r.tileSize())
                    .tilesPerTask(r.tilesPerTask());
            if (r.nngpOnly()) {
                gram = gram.nngpOnly();
            }
            if (r.tileDir() != null) {
                gram = gram.tileDirectory(r.tileDir());
            }
            gram = gram.progress(r.quiet() ? SILENT : progressBar(err, r.interactive(), r.nngpOnly() ? "nngp" : "nngp+ntk"));
            SparkInputs inputs = r.sharedInputs() ? SparkInputs.shared(r.x1File(), r.x2File())
                    : r.x2() == null ? SparkInputs.of(r.x1()) : SparkInputs.of(r.x1(), r.x2());
            SparkGramResult res = r.tilesOnly() ? gram.writeTiles(inputs) : gram.compute(inputs);
            if (r.quiet() && !res.scalarExecutors().isEmpty()) { // else the progress bar said so as it happened
                err.println("ntk4j: warning: " + res.scalarExecutors() + " computed without the Vector API (scalar "
                        + "loops, slower): add --add-modules=jdk.incubator.vector to spark.executor.extraJavaOptions");
            }
            return new Outcome(res.kernel(), res.tiles(), res.restored(), res.computed(), res.tasks(), sc.master(),
                    res.scalarExecutors());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(e.getMessage(), e);
        } finally {
            sc.stop();
        }
    }

    /** The build behind {@link SparkGrams#build}: {@link SparkGram} on {@code sc}, progress in entries. */
    static Kernel build(JavaSparkContext sc, String spec, Precision precision, INDArray x1, INDArray x2, Path tileDir,
            org.ntk4j.core.GramProgress progress) {
        SparkGram gram = SparkGram.of(sc, spec).precision(precision).progress(new SparkGramProgress() {
            @Override
            public void update(org.ntk4j.spark.SparkGramStatus s) {
                progress.update(s.entriesDone(), s.entriesTotal(), s.entriesPerSecond(), s.etaSeconds());
            }

            @Override
            public void finished(org.ntk4j.spark.SparkGramStatus s) {
                progress.finished(s.entriesDone(), s.entriesTotal(), s.seconds());
            }
        });
        if (tileDir != null) {
            gram = gram.tileDirectory(tileDir);
        }
        return gram.compute(x2 == null ? SparkInputs.of(x1) : SparkInputs.of(x1, x2)).kernel();
    }

    /**
     * A Spark context on {@code master} with the user's {@code conf} and what ntk4j's executors need
     * ({@link #settings}), Spark's log noise off; the connection summary (and a stale-jar warning)
     * on {@code err} unless it is null.
     *
     * @throws CliException when the environment cannot start the master's executors, the master cannot be
     *     reached, or Spark refuses the master or a setting
     */
    static JavaSparkContext connect(String master, Map<String, String> conf, Duration executorWait, String appName,
            PrintStream err) {
        quietSparkLogs();
        checkLocalCluster(master, System.getenv());
        Settings settings = settings(master, conf, System.getProperties(), applicationJars());
        JavaSparkContext sc;
        try {
            sc = SparkMaster.connect(master, appName, settings.conf(), executorWait);
        } catch (IllegalArgumentException e) {
            throw new CliException("--spark " + master + ": " + e.getMessage(), e);
        } catch (Exception e) { // SparkException and others: Spark refused the master or a --spark-conf setting
            throw new CliException("--spark " + master + (conf.isEmpty() ? "" : " with --spark-conf " + conf)
                    + ": Spark did not start: " + e, e);
        }
        if (err != null) {
            err.println(connectionSummary(sc, settings, appName));
            String stale = staleJar(settings.filled().get("spark.jars"));
            if (stale != null) {
                err.println("ntk4j: warning: " + stale);
            }
        }
        return sc;
    }

    /**
     * What a master needs beyond the user's settings. Masters whose executors are other JVMs (all but
     * {@code local} and {@code local[...]}; for {@code submit} the master spark-submit was given) get, unless
     * the user set them (with --spark-conf, spark-submit or {@code spark.*} system properties):
     * {@code spark.jars}, ntk4j's application jar ({@code jars}), so that executors can load ntk4j's classes
     * (not when {@code spark.executor.extraClassPath} is set: the jar was installed on the workers);
     * {@code spark.executor.extraJavaOptions}, the Vector API module, the {@code --add-opens} flags Spark needs
     * on Java 17 and ND4J's off-heap limits as this JVM has them.
     *
     * @param jars the application jar(s), comma-separated, or null when none was found
     * @throws CliException when the executors need a jar and none was found
     */
    static Settings settings(String master, Map<String, String> conf, java.util.Properties system, String jars) {
        Map<String, String> out = new java.util.LinkedHashMap<>(conf);
        Map<String, String> filled = new java.util.LinkedHashMap<>();
        String url = SparkMaster.SUBMIT.equals(master) ? conf.getOrDefault("spark.master",
                system.getProperty("spark.master", "")) : master;
        if (IN_DRIVER.matcher(url).matches()) {
            return new Settings(out, filled);
        }
        // spark.executor.extraClassPath: the jar is installed on every worker, nothing to ship
        if (!isSet("spark.jars", conf, system) && !isSet("spark.executor.extraClassPath", conf, system)) {
            if (jars == null) {
                throw new CliException("--spark " + master + ": executors need ntk4j's classes, and " + APPLICATION_JAR
                        + " was not found next to them: run 'mvn -B -q package -DskipTests' (it builds cli/target/"
                        + APPLICATION_JAR + "), or give --spark-conf spark.jars=PATH/" + APPLICATION_JAR);
            }
            out.put("spark.jars", jars);
            filled.put("spark.jars", jars);
        }
        String options = "spark.executor.extraJavaOptions";
        if (!isSet(options, conf, system)) {
            StringBuilder flags = new StringBuilder("--add-modules=jdk.incubator.vector");
            String opens = BuildInfo.sparkJvmFlags();
            if (!opens.isEmpty()) {
                flags.append(' ').append(opens);
            }
            for (String key : new String[] {"org.bytedeco.javacpp.maxbytes", "org.bytedeco.javacpp.maxphysicalbytes"}) {
                String v = system.getProperty(key);
                if (v != null && !v.isBlank() && !v.contains(" ")) {
                    flags.append(" -D").append(key).append('=').append(v);
                }
            }
            out.put(options, flags.toString());
            filled.put(options, "the Vector API module" + (opens.isEmpty() ? "" : ", Spark's --add-opens")
                    + (flags.indexOf("maxbytes") >= 0 ? ", ND4J's memory limits" : ""));
        }
        return new Settings(out, filled);
    }

    /**
     * {@code local-cluster[N,C,M]} starts its executor JVMs from {@code $SPARK_HOME/jars}, and Spark's launcher
     * needs {@code SPARK_SCALA_VERSION} outside a source build: refuses, before starting Spark, an environment
     * where the executors would fail to start (they would fail one after another, each with a stack trace).
     */
    static void checkLocalCluster(String master, Map<String, String> env) {
        if (!master.startsWith("local-cluster")) {
            return;
        }
        String home = env.get("SPARK_HOME");
        if (home == null || home.isBlank() || !Files.isDirectory(Path.of(home, "jars"))) {
            throw new CliException("--spark " + master + " starts executor JVMs from $SPARK_HOME/jars: set SPARK_HOME "
                    + "to a Spark 3.5 (Scala 2.13) installation" + (home == null || home.isBlank() ? ""
                            : " (" + home + "/jars is not a directory)")
                    + ", and SPARK_SCALA_VERSION=2.13 (README, 'Running on a cluster')");
        }
        String scala = env.get("SPARK_SCALA_VERSION");
        if ((scala == null || scala.isBlank()) && !Files.isDirectory(Path.of(home, "launcher", "target", "scala-2.13"))) {
            throw new CliException("--spark " + master + ": set SPARK_SCALA_VERSION=2.13 (Spark's launcher needs it "
                    + "to start executors from " + home + ")");
        }
    }

    private static boolean isSet(String key, Map<String, String> conf, java.util.Properties system) {
        String v = conf.containsKey(key) ? conf.get(key) : system.getProperty(key);
        return v != null && !v.isBlank();
    }

    /**
     * The jar(s) to ship: {@value #JARS_PROPERTY} when set; the jar this class was loaded from when it holds
     * ND4J too (run from the application jar, e.g. by spark-submit); else {@value #APPLICATION_JAR} next to
     * this class's jar or class directory (cli/target for bin/ntk4j); null when there is none.
     */
    static String applicationJars() {
        String property = System.getProperty(JARS_PROPERTY);
        if (property != null && !property.isBlank()) {
            return property;
        }
        try {
            java.security.CodeSource source = SparkKernel.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path here = Path.of(source.getLocation().toURI());
            if (Files.isRegularFile(here) && holdsNd4j(here)) {
                return here.toString();
            }
            Path jar = here.toAbsolutePath().getParent().resolve(APPLICATION_JAR);
            return Files.isRegularFile(jar) ? jar.toString() : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A line when the shipped jar is older than the classes this JVM runs (cli/target/classes, e.g. after a
     * compile without 'package', or the cli's own jar, as bin/ntk4j runs it, after a package with
     * -Dntk4j.shade.skip=true): executors would run older code.
     */
    static String staleJar(String jar) {
        if (jar == null || jar.contains(",")) {
            return null;
        }
        try {
            java.security.CodeSource source = SparkKernel.class.getProtectionDomain().getCodeSource();
            Path here = Path.of(source.getLocation().toURI());
            Path mine = Files.isDirectory(here) ? here.resolve("org/ntk4j/cli/SparkKernel.class") : here;
            if (!Files.isRegularFile(mine) || mine.equals(Path.of(jar))) {
                return null;
            }
            if (Files.getLastModifiedTime(Path.of(jar)).compareTo(Files.getLastModifiedTime(mine)) < 0) {
                return jar + " is older than the classes in " + here + ": the executors run the jar's code; run "
                        + "'mvn -B -q package -DskipTests' to rebuild it";
            }
            return null;
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static boolean holdsNd4j(Path jar) {
        try (java.util.jar.JarFile f = new java.util.jar.JarFile(jar.toFile())) {
            return f.getEntry("org/nd4j/linalg/factory/Nd4j.class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code spark MASTER (app ID): N executors, C cores; filled in: spark.jars=..., ...}: what the build runs
     * on and which settings ntk4j added.
     */
    static String connectionSummary(JavaSparkContext sc, Settings settings, String appName) {
        int executors = Math.max(0, sc.sc().statusTracker().getExecutorInfos().length - 1);
        StringBuilder s = new StringBuilder(appName).append(": spark ").append(sc.master()).append(" (")
                .append(sc.sc().applicationId()).append(")");
        if (executors > 0) {
            s.append(": ").append(executors).append(executors == 1 ? " executor" : " executors").append(" so far");
        }
        if (settings.filled().isEmpty()) {
            s.append("; nothing filled in");
        } else {
            s.append("; filled in (not set by you): ");
            s.append(settings.filled().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        return s.toString();
    }

    /** No progress and no warning as it happens: a quiet run says once, at the end, which executors ran scalar. */
    private static final SparkGramProgress SILENT = new SparkGramProgress() {
        @Override
        public void update(org.ntk4j.spark.SparkGramStatus status) {
        }

        @Override
        public void warning(String message) {
        }
    };

    private static SparkGramProgress progressBar(PrintStream err, boolean interactive, String label) {
        return new TileProgressBar(err, interactive, "spark " + label);
    }

    /** Spark's and Hadoop's warnings (native libraries, loopback host names) off the terminal, unless asked for. */
    private static void quietSparkLogs() {
        for (String logger : new String[] {"org.apache.spark", "org.apache.hadoop", "org.sparkproject",
            "org.apache.spark.rpc.netty.Inbox"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                // the RPC inbox's "Ignoring error" stack traces: executors that disconnect while the context stops
                System.setProperty(key, logger.endsWith("Inbox") ? "off" : "error");
            }
        }
    }
}

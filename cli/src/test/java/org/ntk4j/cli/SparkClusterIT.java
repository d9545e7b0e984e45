package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.io.Npy;
import org.ntk4j.core.io.Npz;
import org.ntk4j.layers.spec.NetworkSpec;

/**
 * A real multi-process Spark standalone cluster on 127.0.0.1: a Master and two Workers (1 core, 1 GiB each),
 * each its own JVM started by this test from the jars the build lists (cli/target/spark-classpath.txt, plus
 * the Jackson and SLF4J jars every Spark distribution has), as README's "Running on a cluster" does. On it:
 * a plain {@code bin/ntk4j kernel --spark spark://127.0.0.1:PORT} run (nothing configured by hand), a
 * spark-submit run of cli/target/ntk4j-spark.jar ({@code org.apache.spark.deploy.SparkSubmit}, what the
 * spark-submit script runs), and a run during which a worker is killed with SIGKILL; each gives the local
 * builder's bits. Every process started here (and the executors the workers start) is killed at the end.
 *
 * <p>Opt-in (a few minutes on 2 cores): {@code mvn -B verify -pl cli -am -Dntk4j.heavy=true -Dtest=SparkClusterIT
 * -Dsurefire.failIfNoSpecifiedTests=false}. It runs in the cli's integration-test phase, after 'package' has built
 * the application jar (the execution sets {@code ntk4j.packaged}; the heavy profile turns it on).
 */
@EnabledIfSystemProperty(named = "ntk4j.packaged", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final java.util.regex.Pattern PROGRESS =
            java.util.regex.Pattern.compile("spark nngp\\+ntk \\[[#-]+]\\s+\\d+%\\s+(\\d+)/36 tiles.*");
    private static final List<Process> STARTED = new ArrayList<>();
    private static Path work;
    private static Path sparkHome;
    private static String master;
    private static Process worker1;
    private static Path spec;
    private static Path x;
    private static Kernel local;

    @BeforeAll
    static void startCluster() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(SparkClusterIT::stopAll));
        Path jar = ROOT.resolve("cli/target/" + SparkKernel.APPLICATION_JAR);
        assertTrue(Files.isRegularFile(jar), jar + " is missing: the test runs after 'package'");
        work = Files.createTempDirectory("ntk4j-cluster");
        sparkHome = work.resolve("spark-home");
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        List<String> entries = new ArrayList<>(List.of(
                Files.readString(ROOT.resolve("cli/target/spark-classpath.txt")).trim().split(":")));
        for (String e : Files.readString(ROOT.resolve("cli/target/classpath.txt")).trim().split(":")) {
            if (e.contains("/com/fasterxml/jackson/core/") || e.contains("/org/slf4j/")) {
                entries.add(e);
            }
        }
        for (String e : entries) {
            Path target = Path.of(e);
            Path link = jars.resolve(target.getFileName());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, target);
            }
        }
        int port = freePort();
        master = "spark://127.0.0.1:" + port;
        start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort())));
        awaitPort(port);
        worker1 = startWorker(1);
        startWorker(2);

        Ntk4j.init();
        spec = ROOT.resolve("examples/data/cnn_gap.json");
        x = ROOT.resolve("examples/data/x_small.npy");
        local = Gram.of(NetworkSpec.read(spec)).tileSize(2).compute(Npy.read(x));
    }

    @AfterAll
    static void stopCluster() throws IOException {
        stopAll();
        if (work != null) {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void plainSparkRunFillsInTheJarAndTheJvmOptionsAndGivesTheLocalBits() throws Exception {
        Path out = work.resolve("plain.npz");
        Run r = run(List.of(ROOT.resolve("bin/ntk4j").toString(), "kernel", "--spark", master, "--spec",
                spec.toString(), "--x1", x.toString(), "--tile-size", "2", "--out", out.toString()), null);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("filled in (not set by you): spark.jars (" + ROOT.resolve("cli/target/ntk4j-spark.jar")
                + "), spark.executor.extraJavaOptions (the Vector API module"), r.err());
        assertFalse(r.err().contains("without the Vector API"), r.err());
        assertSameBits(out);
    }

    @Test
    @Order(2)
    void sparkSubmitOfTheApplicationJarGivesTheLocalBits() throws Exception {
        Path out = work.resolve("submit.npz");
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.add("--add-modules=jdk.incubator.vector");
        cmd.addAll(List.of(BuildInfo.sparkJvmFlags().split(" ")));
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*", "org.apache.spark.deploy.SparkSubmit",
                "--master", master, "--class", "org.ntk4j.cli.Main",
                ROOT.resolve("cli/target/ntk4j-spark.jar").toString(),
                "kernel", "--spark", "submit", "--spec", spec.toString(), "--x1", x.toString(), "--tile-size", "2",
                "--out", out.toString()));
        Run r = run(cmd, null);
        assertEquals(0, r.code(), r.err());
        // spark-submit set spark.jars itself; ntk4j adds only the executors' JVM options
        assertTrue(r.err().contains("filled in (not set by you): spark.executor.extraJavaOptions"), r.err());
        assertFalse(r.err().contains("without the Vector API"), r.err());
        assertSameBits(out);
    }

    @Test
    @Order(3)
    void executorsWithoutTheVectorApiAreNamedOnceAndGiveTheSameBits() throws Exception {
        Path out = work.resolve("scalar.npz");
        Run r = run(List.of(ROOT.resolve("bin/ntk4j").toString(), "kernel", "--spark", master, "--spark-conf",
                "spark.executor.extraJavaOptions=-Dntk4j.scalar=true", "--spec", spec.toString(), "--x1",
                x.toString(), "--tile-size", "2", "--out", out.toString()), null);
        assertEquals(0, r.code(), r.err());
        String connected = r.err().lines().filter(l -> l.startsWith("ntk4j kernel: spark ")).findFirst().orElse("");
        assertTrue(connected.endsWith("filled in (not set by you): spark.jars ("
                + ROOT.resolve("cli/target/ntk4j-spark.jar") + ")"), r.err());
        assertEquals(1, r.err().split("computes without the Vector API", -1).length - 1, r.err());
        assertTrue(r.err().matches("(?s).*in \\d+ tasks, without the Vector API on \\[executor \\d.*"), r.err());
        assertSameBits(out);
    }

    @Test
    @Order(4) // last: it leaves one worker
    void aWorkerKilledMidJobLeavesItsTasksToTheOtherOne() throws Exception {
        Path out = work.resolve("killed.npz");
        List<ProcessHandle> executors1 = worker1.descendants().toList();
        Run r = run(List.of(ROOT.resolve("bin/ntk4j").toString(), "kernel", "--spark", master, "--spec",
                spec.toString(), "--x1", x.toString(), "--tile-size", "2", "--tiles-per-task", "1", "--out",
                out.toString()), line -> {
                    // the first progress line with a finished tile, but not all of them
                    java.util.regex.Matcher m = PROGRESS.matcher(line);
                    if (m.matches() && Integer.parseInt(m.group(1)) > 0 && Integer.parseInt(m.group(1)) < 36
                            && worker1.isAlive()) {
                        List<ProcessHandle> children = worker1.descendants().toList();
                        worker1.destroyForcibly(); // SIGKILL
                        children.forEach(ProcessHandle::destroyForcibly);
                    }
                });
        assertFalse(worker1.isAlive(), "the worker was not killed mid-job:\n" + r.err());
        executors1.forEach(ProcessHandle::destroyForcibly);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("36 tiles (0 restored, 36 computed) in 36 tasks"), r.err());
        assertSameBits(out);
    }

    private static void assertSameBits(Path out) throws IOException {
        Map<String, INDArray> k = Npz.read(out);
        assertArrayEquals(local.nngp().data().asDouble(), k.get("nngp").data().asDouble());
        assertArrayEquals(local.ntk().data().asDouble(), k.get("ntk").data().asDouble());
    }

    private record Run(int code, String err) {
    }

    /** Runs a command to its end (at most 5 minutes), with each line of its stderr passed to {@code onLine}. */
    private static Run run(List<String> cmd, java.util.function.Consumer<String> onLine) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        environment(pb);
        Process p = pb.start();
        synchronized (STARTED) {
            STARTED.add(p);
        }
        StringBuilder err = new StringBuilder();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                err.append(line).append('\n');
                if (onLine != null) {
                    onLine.accept(line);
                }
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd + "\n" + err);
        }
        return new Run(p.exitValue(), err.toString());
    }

    private static Process startWorker(int i) throws IOException {
        return start("worker" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores",
                "1", "--memory", "1g", "--port", String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()),
                "--work-dir", work.resolve("work" + i).toString(), master));
    }

    /** Starts a Spark daemon (its output in WORK/NAME.log) and remembers it. */
    private static Process start(String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.add("-Xmx256m");
        cmd.addAll(List.of(BuildInfo.sparkJvmFlags().split(" ")));
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        environment(pb);
        Process p = pb.start();
        synchronized (STARTED) {
            STARTED.add(p);
        }
        return p;
    }

    private static List<String> javaCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Loopback only; the workers find the jars in SPARK_HOME/jars (Scala 2.13 named, as no distribution is there). */
    private static void environment(ProcessBuilder pb) {
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // scratch space (and the executors' copies of the jar) inside WORK, deleted at the end, also that of the
        // executor killed with its worker
        pb.environment().put("SPARK_LOCAL_DIRS", work.resolve("local").toString());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("NTK4J_JAVA_OPTS", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    }

    /** Kills every process started here and whatever they started (executors), SIGKILL after 10 s. */
    private static void stopAll() {
        List<Process> all;
        synchronized (STARTED) {
            all = new ArrayList<>(STARTED);
            STARTED.clear();
        }
        List<ProcessHandle> handles = new ArrayList<>();
        for (Process p : all) {
            handles.addAll(p.descendants().toList());
            handles.add(p.toHandle());
        }
        handles.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : handles) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the Spark master did not listen on 127.0.0.1:" + port + " within 60 s");
    }
}

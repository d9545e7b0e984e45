package org.ntk4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Fig2 --spark local[2]}: the same table as a local run, and checkpoints shared with local runs. The
 * Spark run is a JVM of its own with Spark's jars (cli/target/spark-classpath.txt, which the cli's
 * {@code package} phase lists before this module's tests run in {@code mvn verify}) and flags, as
 * {@code bin/ntk4j-example} starts it; this module's own class path has no Spark.
 */
class Fig2SparkTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final String[] RUN = {"--train", "8", "--test", "6", "--pooled-train", "5", "--pooled-test", "4",
        "--depth", "1", "--arch", "FCN,LCN,GAP", "--transforms", "identity,O(C)^d,O(Cd)", "--threads", "1"};

    @Test
    void aSparkRunWritesTheLocalRunsTableAndItsTilesResumeLocally(@TempDir Path dir) throws Exception {
        Path sparkJars = ROOT.resolve("cli/target/spark-classpath.txt");
        Path properties = ROOT.resolve("cli/target/classes/org/ntk4j/cli/build.properties");
        assumeTrue(Files.isRegularFile(sparkJars) && Files.size(sparkJars) > 0 && Files.isRegularFile(properties),
                "cli/target/spark-classpath.txt is written by the cli's package phase (mvn verify)");
        Path cp = dir.resolve("cp");
        String out = sparkRun(sparkJars, properties, dir, args("--spark", "local[2]", "--checkpoint", cp.toString(),
                "--out", dir.resolve("spark").toString()));
        assertTrue(out.contains("Gram builds on Spark local[2]"), out);
        Map<Path, FileTime> tiles = Fig2LearningCurvesTest.files(cp);
        // Built on Spark: FCN once; LCN untransformed and under O(Cd); GAP untransformed, O(C)^d, O(Cd); two Grams each.
        assertEquals(12, tiles.keySet().stream().map(f -> f.getName(0)).distinct().count(), tiles.keySet().toString());
        ByteArrayOutputStream local = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(local, true, StandardCharsets.UTF_8);
        assertEquals(0, Fig2.run(args("--checkpoint", cp.toString(), "--out", dir.resolve("local").toString()), ps),
                local.toString(StandardCharsets.UTF_8));
        assertEquals(tiles, Fig2LearningCurvesTest.files(cp), "the local run recomputed tiles the Spark run had written");
        assertEquals(0, Fig2.run(args("--out", dir.resolve("fresh").toString()), ps),
                local.toString(StandardCharsets.UTF_8));
        assertEquals(withoutSeconds(dir.resolve("fresh/fig2.csv")), withoutSeconds(dir.resolve("spark/fig2.csv")),
                "accuracies differ between Spark and local builds");
        assertEquals(Files.readString(dir.resolve("fresh/fig2-comparisons.csv")),
                Files.readString(dir.resolve("spark/fig2-comparisons.csv")));
    }

    @Test
    void withoutSparkOnTheClassPathItSaysSoInOneLine(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int rc;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            rc = Fig2.run(args("--spark", "local[2]", "--out", dir.toString()),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
        assertEquals(2, rc);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith("Fig2: error: --spark local[2]: Spark's classes are not on the class path"), e);
    }

    /** Runs Fig2 in a JVM with Spark's jars and flags; returns its output (fails on a non-zero exit). */
    private static String sparkRun(Path sparkJars, Path properties, Path dir, String[] args) throws Exception {
        Properties p = new Properties();
        try (var in = Files.newInputStream(properties)) {
            p.load(in);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(p.getProperty("jvm.flags").trim().split("\\s+")));
        command.addAll(List.of(p.getProperty("spark.jvm.flags").trim().split("\\s+")));
        command.add("-Xmx2g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path") + java.io.File.pathSeparator
                + Files.readString(sparkJars).trim());
        command.add(Fig2.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("spark.log").toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process proc = pb.start();
        assertTrue(proc.waitFor(5, TimeUnit.MINUTES), "the Spark run did not finish in 5 minutes");
        String log = Files.readString(dir.resolve("spark.log"));
        assertEquals(0, proc.exitValue(), log);
        return log;
    }

    /** The CSV without its {@code seconds} column. */
    private static java.util.List<String> withoutSeconds(Path csv) throws IOException {
        java.util.List<String> lines = Files.readAllLines(csv);
        int col = java.util.Arrays.asList(lines.get(0).split(",")).indexOf("seconds");
        return lines.stream().map(l -> {
            java.util.List<String> f = new java.util.ArrayList<>(java.util.Arrays.asList(l.split(",", -1)));
            f.remove(col);
            return String.join(",", f);
        }).toList();
    }

    private static String[] args(String... more) {
        String[] a = new String[RUN.length + more.length];
        System.arraycopy(RUN, 0, a, 0, RUN.length);
        System.arraycopy(more, 0, a, RUN.length, more.length);
        return a;
    }
}

package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What {@code kernel --spark} fills in for masters whose executors are other JVMs, and what it leaves alone
 * (the multi-process runs are {@link SparkClusterIT}).
 */
class SparkSettingsTest {
    private static final String JAR = "/opt/ntk4j/ntk4j-spark.jar";
    private static final String OPTIONS = "spark.executor.extraJavaOptions";

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void clusterMastersGetTheJarAndTheExecutorJvmOptions() {
        for (String master : List.of("spark://127.0.0.1:7077", "local-cluster[2,1,1024]", "yarn",
                "k8s://https://k8s.example:6443")) {
            SparkKernel.Settings s = SparkKernel.settings(master, Map.of("spark.executor.memory", "2g"),
                    props("org.bytedeco.javacpp.maxbytes", "3G", "org.bytedeco.javacpp.maxphysicalbytes", "5G"), JAR);
            assertEquals(JAR, s.conf().get("spark.jars"), master);
            assertEquals("2g", s.conf().get("spark.executor.memory"), master);
            String options = s.conf().get(OPTIONS);
            assertTrue(options.startsWith("--add-modules=jdk.incubator.vector "), options);
            assertTrue(options.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), options);
            assertTrue(options.endsWith(" -Dorg.bytedeco.javacpp.maxbytes=3G -Dorg.bytedeco.javacpp.maxphysicalbytes=5G"),
                    options);
            assertEquals(List.of("spark.jars", OPTIONS), List.copyOf(s.filled().keySet()), master);
            assertEquals("the Vector API module, Spark's --add-opens, ND4J's memory limits", s.filled().get(OPTIONS));
        }
    }

    @Test
    void whatTheUserSetIsLeftAlone() {
        SparkKernel.Settings s = SparkKernel.settings("spark://h:7077",
                Map.of("spark.jars", "/my/app.jar", OPTIONS, "-Dx=1"), props(), JAR);
        assertEquals(Map.of("spark.jars", "/my/app.jar", OPTIONS, "-Dx=1"), s.conf());
        assertTrue(s.filled().isEmpty());
        // spark-submit sets spark.jars (the application jar) as a system property
        s = SparkKernel.settings("submit", Map.of(), props("spark.master", "spark://h:7077", "spark.jars", "/a.jar"), null);
        assertEquals(List.of(OPTIONS), List.copyOf(s.filled().keySet()));
        assertEquals(null, s.conf().get("spark.jars"));
        // a jar installed on the workers: nothing shipped
        s = SparkKernel.settings("spark://h:7077", Map.of("spark.executor.extraClassPath", JAR), props(), JAR);
        assertEquals(List.of(OPTIONS), List.copyOf(s.filled().keySet()));
        assertEquals("the Vector API module, Spark's --add-opens", s.filled().get(OPTIONS));
    }

    @Test
    void localMastersRunInTheDriverAndGetNothing() {
        for (String master : List.of("local", "local[2]", "local[*]", "local[2,3]")) {
            SparkKernel.Settings s = SparkKernel.settings(master, Map.of(), props(), null);
            assertTrue(s.conf().isEmpty() && s.filled().isEmpty(), master);
        }
        SparkKernel.Settings s = SparkKernel.settings("submit", Map.of(), props("spark.master", "local[2]"), null);
        assertTrue(s.filled().isEmpty());
    }

    @Test
    void aClusterMasterWithoutAnApplicationJarIsRefusedSayingHowToBuildOne() {
        CliException e = assertThrows(CliException.class,
                () -> SparkKernel.settings("spark://h:7077", Map.of(), props(), null));
        assertEquals("--spark spark://h:7077: executors need ntk4j's classes, and ntk4j-spark.jar was not found next "
                + "to them: run 'mvn -B -q package -DskipTests' (it builds cli/target/ntk4j-spark.jar), or give "
                + "--spark-conf spark.jars=PATH/ntk4j-spark.jar", e.getMessage());
    }

    @Test
    void localClusterNeedsASparkHomeWithJarsAndTheScalaVersion(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home)
            throws java.io.IOException {
        SparkKernel.checkLocalCluster("spark://h:7077", Map.of()); // other masters: not checked
        CliException e = assertThrows(CliException.class,
                () -> SparkKernel.checkLocalCluster("local-cluster[2,1,1024]", Map.of()));
        assertEquals("--spark local-cluster[2,1,1024] starts executor JVMs from $SPARK_HOME/jars: set SPARK_HOME to a "
                + "Spark 3.5 (Scala 2.13) installation, and SPARK_SCALA_VERSION=2.13 (README, 'Running on a cluster')",
                e.getMessage());
        e = assertThrows(CliException.class, () -> SparkKernel.checkLocalCluster("local-cluster[2,1,1024]",
                Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13")));
        assertTrue(e.getMessage().contains("(" + home + "/jars is not a directory)"), e.getMessage());
        java.nio.file.Files.createDirectory(home.resolve("jars"));
        e = assertThrows(CliException.class, () -> SparkKernel.checkLocalCluster("local-cluster[2,1,1024]",
                Map.of("SPARK_HOME", home.toString())));
        assertTrue(e.getMessage().endsWith("set SPARK_SCALA_VERSION=2.13 (Spark's launcher needs it to start executors "
                + "from " + home + ")"), e.getMessage());
        SparkKernel.checkLocalCluster("local-cluster[2,1,1024]",
                Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13"));
    }

    @Test
    void theExecutorWaitMustBePositive() {
        KernelCommandTest.Result r = KernelCommandTest.run("kernel", "--spec", "s.json", "--x1", "x.npy", "--out",
                "k.npz", "--spark", "spark://h:7077", "--spark-executor-wait", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--spark-executor-wait must be at least 1 second, got 0"), r.err());
        r = KernelCommandTest.run("kernel", "--spec", "s.json", "--x1", "x.npy", "--out", "k.npz",
                "--spark-executor-wait", "30");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--spark-executor-wait applies only with --spark MASTER"), r.err());
    }
}

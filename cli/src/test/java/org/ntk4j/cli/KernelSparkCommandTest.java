package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.cli.KernelCommandTest.CNN_GAP;
import static org.ntk4j.cli.KernelCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.GramCheckpoint;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.io.Npz;
import org.ntk4j.testkit.Seeded;

/** {@code ntk4j kernel --spark}: local[2] gives the local run's bits; bad masters and options are one-line errors. */
class KernelSparkCommandTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void init() {
        Ntk4j.init();
    }

    private Path images(String name, int n, long seed) throws IOException {
        return Seeded.gaussianNpy(dir.resolve(name), new Random(seed), n, 4, 4, 2);
    }

    @Test
    void sparkRunWritesTheLocalRunsKernelBitForBit() throws IOException {
        Path spec = Files.writeString(dir.resolve("net.json"), CNN_GAP);
        Path x1 = images("x1.npy", 7, 1), x2 = images("x2.npy", 5, 2);
        Path local = dir.resolve("local.npz"), spark = dir.resolve("spark.npz");
        String[] common = {"kernel", "--spec", spec.toString(), "--x1", x1.toString(), "--x2", x2.toString(),
            "--tile-size", "3"};

        assertEquals(0, run(concat(common, "--out", local.toString(), "--quiet")).code());
        KernelCommandTest.Result r = run(concat(common, "--out", spark.toString(), "--spark", "local[2]"));

        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("ntk4j kernel: nngp+ntk (7, 5), 7×5 = 35 entries in "), r.err());
        assertTrue(r.err().contains("spark local[2]: 6 tiles (0 restored, 6 computed) in 3 tasks -> " + spark), r.err());
        assertTrue(r.err().contains("spark nngp+ntk [") && r.err().contains("6/6 tiles"), r.err());
        Map<String, INDArray> a = Npz.read(local), b = Npz.read(spark);
        assertArrayEquals(a.get("nngp").data().asDouble(), b.get("nngp").data().asDouble(), 0.0);
        assertArrayEquals(a.get("ntk").data().asDouble(), b.get("ntk").data().asDouble(), 0.0);
    }

    @Test
    void tilesOnlyWritesATileDirectoryThatAssemblesToTheLocalKernel() throws IOException {
        Path spec = Files.writeString(dir.resolve("net.json"), CNN_GAP);
        Path x = images("x.npy", 6, 3);
        Path local = dir.resolve("local.npz"), tiles = dir.resolve("tiles");
        assertEquals(0, run("kernel", "--spec", spec.toString(), "--x1", x.toString(), "--tile-size", "4", "--out",
                local.toString(), "--quiet", "--nngp-only").code());

        KernelCommandTest.Result r = run("kernel", "--spec", spec.toString(), "--x1", x.toString(), "--tile-size", "4",
                "--nngp-only", "--spark", "local[2]", "--checkpoint", tiles.toString(), "--tiles-only", "--quiet");

        assertEquals(0, r.code(), r.err());
        Kernel k = GramCheckpoint.assemble(tiles);
        assertArrayEquals(Npz.read(local).get("nngp").data().asDouble(), k.nngp().data().asDouble(), 0.0);
    }

    @Test
    void unreachableMasterIsAOneLineErrorNamingTheUrl() throws IOException {
        Path spec = Files.writeString(dir.resolve("net.json"), CNN_GAP);
        Path x = images("x.npy", 3, 4);
        run("kernel", "--spec", spec.toString(), "--x1", x.toString(), "--out", dir.resolve("k.npz").toString(),
                "--spark", "spark://127.0.0.1:1",
                // As if ntk4j were installed on the workers: the test phase runs before the shaded jar exists.
                "--spark-conf", "spark.executor.extraClassPath=/opt/ntk4j/ntk4j-spark.jar")
                .assertUsageError("--spark spark://127.0.0.1:1: cannot reach the Spark master spark://127.0.0.1:1");
    }

    @Test
    void optionsThatDoNotFitAreRefused() throws IOException {
        Path spec = Files.writeString(dir.resolve("net.json"), CNN_GAP);
        Path x = images("x.npy", 3, 5);
        String out = dir.resolve("k.npz").toString();
        String[] base = {"kernel", "--spec", spec.toString(), "--x1", x.toString()};

        run(concat(base, "--out", out, "--spark", "local[2]", "--threads", "2"))
                .assertUsageError("--threads applies to local runs");
        run(concat(base, "--out", out, "--tiles-only")).assertUsageError("--tiles-only applies only with --spark");
        run(concat(base, "--spark", "local[2]", "--tiles-only")).assertUsageError("--tiles-only needs --checkpoint DIR");
        run(base).assertUsageError("missing required option --out FILE");
        run(concat(base, "--out", out, "--spark", "mesos://h:5050")).assertUsageError("not a Spark master URL");
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}

package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.cli.KernelCommandTest.run;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.testkit.Seeded;

/**
 * What the command line refuses (issue 20, sections 3, 5 and 6): outputs that would overwrite an
 * input, empty paths, bad Spark masters and settings, non-decimal numbers, predict without a
 * readout, strict specs, non-finite results. Each is exit code 2 and one {@code ntk4j: error:}
 * line, with every input file left as it was.
 */
class RefusalsTest {
    static final String FCN = """
            {"layers": [{"type": "Dense", "out_dim": 1, "W_std": 1.5, "b_std": 0.1}, {"type": "Relu"},
                        {"type": "Dense", "out_dim": 1, "W_std": 1.5}]}
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void init() {
        Ntk4j.init();
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path matrix(String name, int n, int d, double scale, long seed) throws IOException {
        return Seeded.gaussianNpy(dir.resolve(name), new Random(seed), scale, n, d);
    }

    private Path images(String name, int n, int h, int w, int c) throws IOException {
        return Seeded.gaussianNpy(dir.resolve(name), new Random(7), n, h, w, c);
    }

    /** Runs {@code args}, expecting the one-line refusal containing {@code fragment}, with {@code inputs} unchanged. */
    private static void assertRefused(String fragment, Path[] inputs, String... args) throws IOException {
        Map<Path, byte[]> before = new LinkedHashMap<>();
        for (Path p : inputs) {
            before.put(p, Files.readAllBytes(p));
        }
        run(args).assertUsageError(fragment);
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), "input changed: " + e.getKey());
        }
    }

    // ---- section 3: never destroy a user's file ----

    @Test
    void kernelOutThatIsAnInputIsRefusedAndTheInputKept() throws IOException {
        Path spec = file("net.json", FCN);
        Path x1 = matrix("x1.npy", 3, 4, 1, 1), x2 = matrix("x2.npy", 2, 4, 1, 2);
        Path[] all = {spec, x1, x2};
        assertRefused("--out " + x1 + " is the --x1 input", all,
                "kernel", "--spec", spec.toString(), "--x1", x1.toString(), "--out", x1.toString());
        assertRefused("is the --x2 input", all, "kernel", "--spec", spec.toString(), "--x1", x1.toString(),
                "--x2", x2.toString(), "--out", x2.toString());
        assertRefused("is the --spec input", all,
                "kernel", "--spec", spec.toString(), "--x1", x1.toString(), "--out", spec.toString());
        // the same file under another name: a relative path with "..", and a symbolic link
        Files.createDirectories(dir.resolve("sub"));
        assertRefused("is the --x1 input", all, "kernel", "--spec", spec.toString(), "--x1", x1.toString(),
                "--out", dir.resolve("sub").resolve("..").resolve("x1.npy").toString());
        Path link = Files.createSymbolicLink(dir.resolve("link.npy"), x1);
        assertRefused("is the --x1 input", all,
                "kernel", "--spec", spec.toString(), "--x1", x1.toString(), "--out", link.toString());
    }

    @Test
    void checkpointThatIsAnInputOrHoldsTheOutputIsRefused() throws IOException {
        Path spec = file("net.json", FCN);
        Path x1 = matrix("x1.npy", 3, 4, 1, 1);
        Path[] all = {spec, x1};
        assertRefused("--checkpoint " + x1 + " is the --x1 input", all, "kernel", "--spec", spec.toString(),
                "--x1", x1.toString(), "--out", dir.resolve("k.npz").toString(), "--checkpoint", x1.toString());
        // an input that the checkpoint would write over: DIR/manifest.json or a tile
        Path ck = Files.createDirectories(dir.resolve("ck"));
        Path tileNamed = Files.copy(x1, ck.resolve("nngp-00000-00000.npy"));
        assertRefused("a file the checkpoint writes", new Path[] {tileNamed}, "kernel", "--spec", spec.toString(),
                "--x1", tileNamed.toString(), "--out", dir.resolve("k.npz").toString(), "--checkpoint", ck.toString());
        // --out inside the checkpoint, named as its manifest: the run would end by replacing the manifest
        Path ck2 = dir.resolve("ck2");
        run("kernel", "--spec", spec.toString(), "--x1", x1.toString(), "--out", ck2.resolve("manifest.json").toString(),
                "--checkpoint", ck2.toString()).assertUsageError("is a file that --checkpoint " + ck2 + " writes");
        run("kernel", "--spec", spec.toString(), "--x1", x1.toString(), "--out", ck2.toString(),
                "--checkpoint", ck2.toString()).assertUsageError("is the --checkpoint directory");
        assertFalse(Files.exists(ck2), "nothing may be written before the refusal");
    }

    @Test
    void emptyOutAndCheckpointAreRefused() throws IOException {
        Path spec = file("net.json", FCN);
        Path x1 = matrix("x1.npy", 3, 4, 1, 1);
        run("kernel", "--spec", spec.toString(), "--x1", x1.toString(), "--out", "")
                .assertUsageError("--out is empty; give a file name such as k.npz");
        run("kernel", "--spec", spec.toString(), "--x1", x1.toString(), "--out", dir.resolve("k.npz").toString(),
                "--checkpoint", "").assertUsageError("--checkpoint is empty; give a directory name");
        assertFalse(Files.exists(dir.resolve("k.npz")));
        run("predict", "--spec", spec.toString(), "--train-x", x1.toString(), "--train-y", x1.toString(),
                "--test-x", x1.toString(), "--out", " ").assertUsageError("--out is empty");
    }

    @Test
    void predictOutThatIsAnInputIsRefusedAndTheInputKept() throws IOException {
        Path spec = file("net.json", FCN);
        Path x = matrix("x.npy", 4, 3, 1, 1), y = matrix("y.npy", 4, 2, 1, 2), t = matrix("t.npy", 2, 3, 1, 3);
        Path[] all = {spec, x, y, t};
        for (Map.Entry<String, Path> e : Map.of("--train-x", x, "--train-y", y, "--test-x", t, "--spec", spec)
                .entrySet()) {
            assertRefused("--out " + e.getValue() + " is the " + e.getKey() + " input", all, "predict", "--spec",
                    spec.toString(), "--train-x", x.toString(), "--train-y", y.toString(), "--test-x", t.toString(),
                    "--diag-reg", "1e-4", "--out", e.getValue().toString());
        }
    }

    /** A kernel that overflows float32 (inputs at 1e25) is refused in one line, and no output file is written. */
    @Test
    void nonFiniteKernelIsOneLineAndWritesNoFile() throws IOException {
        Path spec = file("net.json", FCN);
        Path x1 = matrix("x1.npy", 3, 4, 1e25, 1);
        Path out = dir.resolve("k.npz");
        run("kernel", "--spec", spec.toString(), "--x1", x1.toString(), "--out", out.toString(), "--precision",
                "float32", "--quiet").assertUsageError("is not finite");
        assertFalse(Files.exists(out));
    }

    /** The last guard: no array holding NaN or an infinity is ever written to --out. */
    @Test
    void nonFiniteResultIsNeverWritten() {
        Path out = dir.resolve("p.npz");
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            arrays.put("mean", Nd4j.createFromArray(new double[][] {{1, 2}, {3, bad}}));
            CliException e = assertThrows(CliException.class, () -> CliFiles.write(out, arrays));
            assertTrue(e.getMessage().contains("the result 'mean' [2, 2] is not finite"), e.getMessage());
            assertFalse(Files.exists(out));
        }
        // Scanned in chunks of 8,192: a bad entry in a later chunk, in float32, and in a transposed view.
        INDArray big = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 100, 300);
        big.putScalar(70, 123, Double.NaN);
        INDArray single = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 100, 300);
        single.putScalar(99, 299, Float.POSITIVE_INFINITY);
        for (INDArray bad : new INDArray[] {big, single, big.transpose()}) {
            assertThrows(CliException.class, () -> CliFiles.write(out, Map.of("k", bad)));
            assertFalse(Files.exists(out));
        }
        assertTrue(org.ntk4j.core.NdArrays.allFinite(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 100, 300)));
    }

    // ---- section 5: usage errors are exit 2 and one line ----

    @Test
    void badSparkMastersAndSettingsAreOneLineErrors() throws IOException {
        Path spec = file("net.json", FCN);
        Path x1 = matrix("x1.npy", 3, 4, 1, 1);
        String[] base = {"kernel", "--spec", spec.toString(), "--x1", x1.toString(), "--out",
            dir.resolve("k.npz").toString(), "--spark"};
        for (String master : new String[] {"local[0]", "local[2,0]", "local[-1]", "local[x]", "mesos://h:5050",
            "foo", "", "spark://", "local[2"}) {
            run(concat(base, master)).assertUsageError("--spark '" + master + "' is not a Spark master URL: expected local");
        }
        run(concat(base, "local[2]", "--spark-conf", "executor.memory=8g"))
                .assertUsageError("--spark-conf executor.memory: not a Spark setting");
    }

    @Test
    void numbersArePlainDecimals() throws IOException {
        assertEquals(1000.0, PredictCommand.time("1e3"));
        assertEquals(0.5, PredictCommand.time(" 0.5 "));
        assertEquals(Double.POSITIVE_INFINITY, PredictCommand.time("inf"));
        Path spec = file("net.json", FCN);
        Path x = matrix("x.npy", 4, 3, 1, 1), y = matrix("y.npy", 4, 2, 1, 2);
        String[] base = {"predict", "--spec", spec.toString(), "--train-x", x.toString(), "--train-y", y.toString(),
            "--test-x", x.toString(), "--out", dir.resolve("p.npz").toString()};
        for (String t : new String[] {"1d", "1f", "0x1p3", "NaN", "+Infinity", "1_000", "--1", "1e", "."}) {
            run(concat(base, "--t", t)).assertUsageError("--t '" + t + "' is not a number");
        }
        for (String lr : new String[] {"1d", "0x1p3", "NaN", "Infinity"}) {
            run(concat(base, "--lr", lr)).assertUsageError("'" + lr + "' is not a decimal number");
            run(concat(base, "--diag-reg", lr)).assertUsageError("'" + lr + "' is not a decimal number");
        }
        assertFalse(Files.exists(dir.resolve("p.npz")));
    }

    /** Without a readout the kernel keeps spatial dims: refused before any kernel is built (no progress bar). */
    @Test
    void predictWithoutReadoutIsRefusedBeforeTheKernels() throws IOException {
        Path spec = file("conv.json", """
                {"layers": [{"type": "Conv", "out_chan": 1, "filter_shape": [3, 3], "padding": "SAME"},
                            {"type": "Relu"}]}
                """);
        Path x = images("x.npy", 3, 4, 4, 2), t = images("t.npy", 2, 4, 4, 2);
        Path y = matrix("y.npy", 3, 1, 1, 3);
        run("predict", "--spec", spec.toString(), "--train-x", x.toString(), "--train-y", y.toString(),
                "--test-x", t.toString(), "--diag-reg", "1e-3", "--out", dir.resolve("p.npz").toString())
                .assertUsageError("has no readout layer: its kernel keeps the spatial dims [4, 4]");
        assertFalse(Files.exists(dir.resolve("p.npz")));
    }

    // ---- section 6: strict specs, seen from the command line ----

    @Test
    void strictSpecsAreOneLineErrorsNamingTheKeyAndLayer() throws IOException {
        Path x1 = matrix("x1.npy", 3, 4, 1, 1);
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 3000000000}]}",
                new String[] {"layers[0] (Dense)", "out_dim"});
        cases.put("{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1.5}]}", new String[] {"layers[0] (Dense)", "out_dim"});
        cases.put("{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}]} trailing", new String[] {"not valid JSON"});
        cases.put("{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}]}{}", new String[] {"not valid JSON"});
        cases.put("{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1, \"out_dim\": 2}]}",
                new String[] {"not valid JSON", "out_dim"});
        cases.put("{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}], \"layers\": []}",
                new String[] {"not valid JSON", "layers"});
        cases.put("{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}], \"name\": \"net\"}",
                new String[] {"unknown top-level key 'name'"});
        cases.put("{\"layers\": [{\"type\": \"Relu\"}, {\"type\": \"Dense\", \"out_dim\": 1, \"w_std\": 2}]}",
                new String[] {"layers[1] (Dense)", "unknown key 'w_std'"});
        int i = 0;
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            Path spec = file("spec" + i++ + ".json", c.getKey());
            for (String fragment : c.getValue()) {
                assertRefused(fragment, new Path[] {spec, x1}, "kernel", "--spec", spec.toString(), "--x1",
                        x1.toString(), "--out", dir.resolve("k.npz").toString());
            }
        }
        assertFalse(Files.exists(dir.resolve("k.npz")));
    }

    @Test
    void endlessOrHugeSpecFilesAreRefusedWithoutReadingThemWhole() throws IOException {
        Path x1 = matrix("x1.npy", 3, 4, 1, 1);
        String out = dir.resolve("k.npz").toString();
        if (Files.isReadable(Path.of("/dev/zero"))) {
            run("kernel", "--spec", "/dev/zero", "--x1", x1.toString(), "--out", out)
                    .assertUsageError("/dev/zero: network spec is larger than 16 MiB");
        }
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(17L << 20); // sparse: 17 MiB of zero bytes
        }
        run("kernel", "--spec", huge.toString(), "--x1", x1.toString(), "--out", out)
                .assertUsageError("network spec is larger than 16 MiB");
    }

    static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}

package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.testkit.KernelAsserts.assertEntrywise;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.Precision;
import org.ntk4j.core.io.Npy;
import org.ntk4j.core.io.Npz;
import org.ntk4j.layers.spec.NetworkSpec;
import org.ntk4j.testkit.Seeded;

/** End-to-end runs of {@code ntk4j kernel} through {@link Main#run}, on tiny inputs. */
class KernelCommandTest {
    /** A small CNN-GAP: Conv 3x3 SAME, Relu, GlobalAvgPool, Dense. */
    static final String CNN_GAP = """
            {"layers": [
              {"type": "Conv", "out_chan": 1, "filter_shape": [3, 3], "padding": "SAME", "W_std": 1.5, "b_std": 0.1},
              {"type": "Relu"},
              {"type": "GlobalAvgPool"},
              {"type": "Dense", "out_dim": 1, "W_std": 1.5, "b_std": 0.1}]}
            """;

    @TempDir
    Path dir;

    /** The outcome of one run: exit code, stdout and stderr. */
    record Result(int code, String out, String err) {
        /** Asserts exit code 2 and exactly one {@code ntk4j: error:} line on stderr containing {@code fragment}. */
        void assertUsageError(String fragment) {
            assertEquals(2, code, () -> "exit code; stderr: " + err);
            assertTrue(err.endsWith("\n"), () -> "stderr should end with a newline: " + err);
            String line = err.substring(0, err.length() - 1);
            assertFalse(line.contains("\n"), () -> "stderr should be one line: " + err);
            assertTrue(line.startsWith("ntk4j: error: "), () -> "stderr: " + err);
            assertTrue(line.contains(fragment), () -> "stderr should contain '" + fragment + "': " + err);
            assertEquals("", out);
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void init() {
        Ntk4j.init();
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** {@code n} random images (n, h, w, c), seeded, as an .npy file. */
    private Path images(String name, int n, int h, int w, int c, long seed) throws IOException {
        return Seeded.gaussianNpy(dir.resolve(name), new Random(seed), n, h, w, c);
    }

    /** Equal to round-off: 1e-12 relative entrywise (absolute below 1), the same shape. */
    static void assertEqualToRoundOff(INDArray expected, INDArray actual) {
        assertEntrywise(expected, actual, 1e-12);
    }

    @Test
    void symmetricKernelMatchesGram() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        Path x = images("x.npy", 4, 5, 5, 2, 1);
        Path out = dir.resolve("k.npz");

        Result r = run("kernel", "--spec", spec.toString(), "--x1", x.toString(), "--out", out.toString(),
                "--threads", "2", "--tile-size", "3");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("ntk4j kernel: nngp+ntk (4, 4) symmetric, 4·5/2 = 10 entries in "), r.err());
        assertTrue(r.err().contains("entries/s"), r.err());

        Map<String, INDArray> npz = Npz.read(out);
        assertEquals(java.util.List.of("nngp", "ntk"), java.util.List.copyOf(npz.keySet()));
        Kernel expected = Gram.of(NetworkSpec.read(spec)).threads(1).compute(Npy.read(x));
        assertEqualToRoundOff(expected.nngp(), npz.get("nngp"));
        assertEqualToRoundOff(expected.ntk(), npz.get("ntk"));
    }

    @Test
    void checkpointResumesToTheSameKernelAndRefusesAnotherSpec() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        Path x = images("x.npy", 5, 4, 4, 2, 5);
        Path checkpoint = dir.resolve("ck");
        Path out1 = dir.resolve("k1.npz"), out2 = dir.resolve("k2.npz");
        String[] args = {"kernel", "--spec", spec.toString(), "--x1", x.toString(), "--tile-size", "2", "--quiet",
            "--checkpoint", checkpoint.toString(), "--out"};

        assertEquals(0, run(concat(args, out1.toString())).code());
        assertTrue(Files.exists(checkpoint.resolve("manifest.json")));
        // as if the first run had been killed between writing the tile's NTK and its NNGP
        Files.delete(checkpoint.resolve("nngp-00000-00001.npy"));
        Files.delete(checkpoint.resolve("crc32c-00000-00001.txt"));
        Result resumed = run(concat(args, out2.toString()));
        assertEquals(0, resumed.code(), resumed.err());
        Map<String, INDArray> first = Npz.read(out1), second = Npz.read(out2);
        assertArrayEquals(first.get("nngp").data().asDouble(), second.get("nngp").data().asDouble(), 0.0);
        assertArrayEquals(first.get("ntk").data().asDouble(), second.get("ntk").data().asDouble(), 0.0);

        Path other = file("other.json", CNN_GAP.replace("\"W_std\": 1.5, \"b_std\": 0.1}]", "\"W_std\": 2.0}]"));
        run("kernel", "--spec", other.toString(), "--x1", x.toString(), "--tile-size", "2", "--checkpoint",
                checkpoint.toString(), "--out", dir.resolve("k3.npz").toString())
                .assertUsageError("is of another build: network (fingerprint): ");
    }

    @Test
    void float32PrecisionMatchesTheApiAndItsCheckpointIsRefusedInFloat64() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        Path x = images("x.npy", 4, 5, 5, 2, 3);
        Path out = dir.resolve("k32.npz"), checkpoint = dir.resolve("ck32");

        Result r = run("kernel", "--precision", "float32", "--spec", spec.toString(), "--x1", x.toString(), "--out",
                out.toString(), "--checkpoint", checkpoint.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Kernel expected = Gram.of(NetworkSpec.read(spec).withPrecision(Precision.FLOAT32)).compute(Npy.read(x));
        Map<String, INDArray> npz = Npz.read(out);
        assertArrayEquals(expected.ntk().data().asDouble(), npz.get("ntk").data().asDouble(), 0.0);
        for (double v : npz.get("ntk").data().asDouble()) {
            assertEquals((float) v, v, 0.0, "float32 values");
        }
        run("kernel", "--spec", spec.toString(), "--x1", x.toString(), "--checkpoint", checkpoint.toString(), "--out",
                dir.resolve("k64.npz").toString()).assertUsageError("is of another build: precision float32 in the "
                + "checkpoint, float64 in this run (--precision float32 resumes it)");
        run("kernel", "--precision", "half", "--spec", spec.toString(), "--x1", x.toString(), "--out", out.toString())
                .assertUsageError("--precision: precision must be float64 or float32, got 'half'");
    }

    static String[] concat(String[] args, String last) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    @Test
    void x2KernelMatchesGram() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        Path x1 = images("x1.npy", 3, 4, 4, 2, 2);
        Path x2 = images("x2.npy", 2, 4, 4, 2, 3);
        Path out = dir.resolve("k12.npz");

        Result r = run("kernel", "--spec", spec.toString(), "--x1", x1.toString(), "--x2", x2.toString(), "--out",
                out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "--quiet prints nothing on success");

        Map<String, INDArray> npz = Npz.read(out);
        Kernel expected = Gram.of(NetworkSpec.read(spec)).compute(Npy.read(x1), Npy.read(x2));
        assertArrayEquals(new long[] {3, 2}, npz.get("nngp").shape());
        assertEqualToRoundOff(expected.nngp(), npz.get("nngp"));
        assertEqualToRoundOff(expected.ntk(), npz.get("ntk"));
    }

    @Test
    void nngpOnlyWritesNoNtk() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        Path x = images("x.npy", 3, 4, 4, 1, 4);
        Path out = dir.resolve("k.npz");

        Result r = run("kernel", "--spec", spec.toString(), "--x1", x.toString(), "--out", out.toString(),
                "--nngp-only", "-q");
        assertEquals(0, r.code(), r.err());

        Map<String, INDArray> npz = Npz.read(out);
        assertEquals(java.util.Set.of("nngp"), npz.keySet());
        Kernel expected = Gram.of(NetworkSpec.read(spec)).nngpOnly().compute(Npy.read(x));
        assertNull(expected.ntk());
        assertEqualToRoundOff(expected.nngp(), npz.get("nngp"));
    }

    @Test
    void progressBarGoesToStderrUnlessQuiet() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        Path x = images("x.npy", 2, 3, 3, 1, 5);
        Result r = run("kernel", "--spec", spec.toString(), "--x1", x.toString(), "--out",
                dir.resolve("k.npz").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("nngp+ntk: 3/3 entries in "), r.err());
    }

    // ---- bad input: exit code 2 and one line on stderr ----

    private Result kernel(Path spec, Path x1, Path x2) {
        String out = dir.resolve("bad.npz").toString();
        return x2 == null ? run("kernel", "--spec", spec.toString(), "--x1", x1.toString(), "--out", out)
                : run("kernel", "--spec", spec.toString(), "--x1", x1.toString(), "--x2", x2.toString(), "--out", out);
    }

    @Test
    void unknownLayerType() throws IOException {
        Path spec = file("net.json", "{\"layers\": [{\"type\": \"Conv2D\", \"out_chan\": 1}]}");
        kernel(spec, images("x.npy", 2, 3, 3, 1, 6), null).assertUsageError("unknown layer type 'Conv2D'");
    }

    @Test
    void missingKeyInSpec() throws IOException {
        Path spec = file("net.json", "{\"layers\": [{\"type\": \"Flatten\"}, {\"type\": \"Dense\", \"W_std\": 1.0}]}");
        kernel(spec, images("x.npy", 2, 3, 3, 1, 7), null).assertUsageError("missing key 'out_dim'");
    }

    @Test
    void specThatIsNotJson() throws IOException {
        Path spec = file("net.json", "{\"layers\": [\n{\"type\": \"Relu\"\n");
        kernel(spec, images("x.npy", 2, 3, 3, 1, 7), null).assertUsageError("not valid JSON");
    }

    @Test
    void nonlinearityAfterFlatten() throws IOException {
        Path spec = file("net.json", """
                {"layers": [{"type": "Conv", "out_chan": 1, "filter_shape": [2, 2]},
                            {"type": "Flatten"}, {"type": "Relu"}, {"type": "Dense", "out_dim": 1}]}
                """);
        Result r = kernel(spec, images("x.npy", 2, 3, 3, 1, 8), null);
        r.assertUsageError("follows Flatten");
        assertTrue(r.err().startsWith("ntk4j: error: " + spec + ": "), "names the spec file: " + r.err());
    }

    /** The .npz is stored as numpy.savez writes it unless --compress asks for DEFLATE; both hold the same kernel. */
    @Test
    void outputIsStoredUnlessCompressed() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        Path x = images("x.npy", 3, 4, 4, 2, 11);
        Path plain = dir.resolve("plain.npz"), packed = dir.resolve("packed.npz");
        assertEquals(0, run("kernel", "--spec", spec.toString(), "--x1", x.toString(), "--out", plain.toString(), "-q")
                .code());
        assertEquals(0, run("kernel", "--spec", spec.toString(), "--x1", x.toString(), "--out", packed.toString(), "-q",
                "--compress").code());
        try (java.util.zip.ZipFile a = new java.util.zip.ZipFile(plain.toFile());
                java.util.zip.ZipFile b = new java.util.zip.ZipFile(packed.toFile())) {
            assertEquals(java.util.zip.ZipEntry.STORED, a.getEntry("ntk.npy").getMethod());
            assertEquals(java.util.zip.ZipEntry.DEFLATED, b.getEntry("ntk.npy").getMethod());
        }
        assertEqualToRoundOff(Npz.read(plain).get("ntk"), Npz.read(packed).get("ntk"));
    }

    @Test
    void mismatchedX1X2Shapes() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        kernel(spec, images("x1.npy", 2, 4, 4, 2, 9), images("x2.npy", 2, 4, 4, 3, 10))
                .assertUsageError("same per-input shape (spatial dims and channels): x1 (N, H, W, C) = (2, 4, 4, 2) "
                        + "vs x2 (N, H, W, C) = (2, 4, 4, 3)");
    }

    @Test
    void nanInput() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        Path x = dir.resolve("nan.npy");
        double[] data = new double[2 * 3 * 3];
        data[11] = Double.NaN;
        Npy.write(x, data, 2, 3, 3, 1);
        kernel(spec, x, null).assertUsageError("non-finite value (NaN) in input 1");
    }

    @Test
    void emptyBatch() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        Path x = dir.resolve("empty.npy");
        Npy.write(x, new double[0], 0, 3, 3, 1);
        kernel(spec, x, null).assertUsageError("--x1 " + x + " is an empty batch");
    }

    @Test
    void malformedNpy() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        Path x = file("x.npy", "this is not an npy file\n");
        kernel(spec, x, null).assertUsageError(x.toString());
    }

    @Test
    void truncatedNpy() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        Path good = images("good.npy", 2, 3, 3, 1, 11);
        byte[] bytes = Files.readAllBytes(good);
        Path x = Files.write(dir.resolve("cut.npy"), java.util.Arrays.copyOf(bytes, bytes.length - 8));
        kernel(spec, x, null).assertUsageError("truncated");
    }

    @Test
    void missingInputFile() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        Path x = dir.resolve("nope.npy");
        kernel(spec, x, null).assertUsageError("--x1 " + x + ": no such file");
    }

    @Test
    void missingSpecFile() throws IOException {
        Path spec = dir.resolve("nope.json");
        kernel(spec, images("x.npy", 2, 3, 3, 1, 12), null).assertUsageError("--spec " + spec + ": no such file");
    }

    @Test
    void missingOutputDirectory() throws IOException {
        Path spec = file("net.json", CNN_GAP);
        Path x = images("x.npy", 2, 3, 3, 1, 13);
        run("kernel", "--spec", spec.toString(), "--x1", x.toString(), "--out", dir.resolve("no/such/k.npz").toString())
                .assertUsageError("does not exist");
    }

    @Test
    void unknownOption() {
        run("kernel", "--spec", "a.json", "--x1", "x.npy", "--out", "k.npz", "--frobnicate")
                .assertUsageError("Unknown option: '--frobnicate'");
    }

    @Test
    void missingRequiredOption() {
        run("kernel", "--spec", "a.json", "--out", "k.npz").assertUsageError("--x1");
    }

    @Test
    void badNumbers() {
        run("kernel", "--spec", "a.json", "--x1", "x.npy", "--out", "k.npz", "--threads", "two")
                .assertUsageError("'two' is not an int");
        run("kernel", "--spec", "a.json", "--x1", "x.npy", "--out", "k.npz", "--threads", "0")
                .assertUsageError("--threads must be at least 1");
        run("kernel", "--spec", "a.json", "--x1", "x.npy", "--out", "k.npz", "--tile-size", "-4")
                .assertUsageError("--tile-size must be at least 1");
    }
}

package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.ntk4j.core.predict.Gaussian;
import org.ntk4j.core.predict.KernelPredictor;
import org.ntk4j.core.predict.Regime;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.spec.NetworkSpec;

/**
 * Property test of the command line (issue 20, section 7): seeded random specs, input shapes, scales
 * (1e-40 to 1e40), dtypes, corrupt and truncated files and option values, run in-process through
 * {@link Main#run}. Every run must end in one of two ways:
 *
 * <ul>
 *   <li>exit 0 with a finite output that equals the slow reference (the library's Gram with tile
 *       size 1 on one thread, or the predictor's API), or
 *   <li>exit 2 with exactly one {@code ntk4j: error:} line and nothing on stdout;
 * </ul>
 *
 * and never another exit code, a stack trace, an OutOfMemoryError or a changed input file. A case
 * the reference computes must succeed; one the reference refuses must be refused. The default is
 * {@value #DEFAULT_CASES} cases ({@code -Dntk4j.fuzz.cases=N} for long runs, {@code -Dntk4j.fuzz.seed=S}
 * to change the sequence); a failure names the case's seed and command line.
 */
class CliFuzzTest {
    static final int DEFAULT_CASES = 300;
    private static final String[] ACTIVATIONS = {"{\"type\": \"Relu\"}", "{\"type\": \"Erf\"}", "{\"type\": \"Abs\"}",
        "{\"type\": \"Gelu\"}", "{\"type\": \"LeakyRelu\", \"alpha\": 0.1}", "{\"type\": \"ABRelu\", \"a\": -0.5, \"b\": 1}",
        "{\"type\": \"Identity\"}"};
    private static final String[] BAD_INTS = {"0", "-1", "x", "1e3", "2147483648", "", "1.5", " "};
    private static final String[] BAD_WORDS = {"", "half", "FLOAT32 ", "float16", "ntk,nngp", "\u0000", "inf", "-"};

    @TempDir
    Path dir;

    @BeforeAll
    static void init() {
        Ntk4j.init();
    }

    /** One generated case: its arguments, the files it reads, and what the reference says. */
    private record Case(List<String> args, List<Path> inputs, Path out, Reference reference) {
    }

    /** The slow reference: the expected arrays, or null when the library itself refuses (or none is known). */
    private interface Reference {
        Map<String, INDArray> expected() throws Exception;
    }

    @Test
    void everyRunIsAVerifiedResultOrOneLineError() throws Exception {
        int cases = Integer.getInteger("ntk4j.fuzz.cases", DEFAULT_CASES);
        long seed = Long.getLong("ntk4j.fuzz.seed", 20L);
        int ok = 0, refused = 0;
        long start = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            long caseSeed = seed * 1_000_003L + i;
            Path caseDir = Files.createDirectories(dir.resolve("c" + i));
            Case c = generate(new Random(caseSeed), caseDir);
            String where = "case " + i + " (seed " + caseSeed + "): ntk4j " + String.join(" ", c.args());
            if (check(c, where)) {
                ok++;
            } else {
                refused++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "CliFuzzTest: %d cases (%d exit 0, verified; %d exit 2) in %.1f s%n", cases, ok,
                refused, seconds);
        assertTrue(ok >= cases / 10, "too few successful cases to mean anything: " + ok);
        assertTrue(refused >= cases / 10, "too few refusals to mean anything: " + refused);
    }

    /** Runs the case and checks its outcome; returns whether it exited 0. */
    private boolean check(Case c, String where) throws Exception {
        Map<Path, byte[]> before = new LinkedHashMap<>();
        for (Path p : c.inputs()) {
            before.put(p, Files.readAllBytes(p));
        }
        KernelCommandTest.Result r = KernelCommandTest.run(c.args().toArray(String[]::new));
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), where + ": input changed: " + e.getKey());
        }
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:") || r.err().contains("Error:"),
                () -> where + ": stack trace or exception text on stderr: " + r.err());
        Map<String, INDArray> expected;
        try {
            expected = c.reference() == null ? null : c.reference().expected();
        } catch (IllegalArgumentException e) {
            expected = Map.of(); // the library refuses it: so must the command line
        }
        if (r.code() == 2) {
            String err = r.err();
            assertTrue(err.startsWith("ntk4j: error: ") && err.endsWith("\n") && err.indexOf('\n') == err.length() - 1,
                    () -> where + ": exit 2 needs exactly one error line, got: " + err);
            assertEquals("", r.out(), where);
            assertTrue(expected == null || expected.isEmpty(),
                    () -> where + ": refused, but the reference computes it: " + err);
            return false;
        }
        assertEquals(0, r.code(), () -> where + ": exit code other than 0 or 2; stderr: " + r.err());
        assertTrue(expected == null || !expected.isEmpty(), () -> where + ": exit 0, but the library refuses it");
        if (c.out() != null) {
            Map<String, INDArray> got = Npz.read(c.out());
            for (INDArray a : got.values()) {
                for (double v : a.data().asDouble()) {
                    assertTrue(Double.isFinite(v), where + ": non-finite output");
                }
            }
            if (expected != null) {
                assertEquals(expected.keySet(), got.keySet(), where);
                boolean f32 = c.args().contains("float32");
                for (String name : expected.keySet()) {
                    assertClose(expected.get(name), got.get(name), f32 ? 1e-4 : 1e-8, where + " '" + name + "'");
                }
            }
        }
        return true;
    }

    /** Entrywise |a − e| ≤ tol·(|e| + 1e-3·max|E|), the second term for entries that cancel. */
    private static void assertClose(INDArray expected, INDArray actual, double tol, String where) {
        assertArrayEquals(expected.shape(), actual.shape(), where);
        double[] e = expected.dup('c').data().asDouble(), a = actual.dup('c').data().asDouble();
        double max = 0;
        for (double v : e) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= tol * (Math.abs(e[i]) + 1e-3 * max))) {
                fail(where + ": entry " + i + " is " + a[i] + ", the reference " + e[i]);
            }
        }
    }

    // ---- generators ----

    private Case generate(Random r, Path d) throws IOException {
        int kind = r.nextInt(10);
        if (kind < 6) {
            return kernelCase(r, d);
        }
        if (kind < 8) {
            return predictCase(r, d);
        }
        return invarianceCase(r, d);
    }

    /** A network spec: an FCN for (N, D) inputs, else a small CNN read out by GlobalAvgPool, Flatten or nothing. */
    private static String spec(Random r, boolean images) {
        List<String> layers = new ArrayList<>();
        int depth = 1 + r.nextInt(3);
        for (int i = 0; i < depth; i++) {
            String w = String.format(Locale.ROOT, "\"W_std\": %.3f", 0.5 + 1.5 * r.nextDouble());
            String b = r.nextBoolean() ? String.format(Locale.ROOT, ", \"b_std\": %.3f", 0.5 * r.nextDouble()) : "";
            if (images) {
                layers.add("{\"type\": \"Conv\", \"out_chan\": " + (1 + r.nextInt(3)) + ", \"filter_shape\": [" + (1 + r.nextInt(3))
                        + ", " + (1 + r.nextInt(3)) + "], \"padding\": \"" + pick(r, "SAME", "CIRCULAR", "SAME") + "\", "
                        + w + b + "}");
            } else {
                layers.add("{\"type\": \"Dense\", \"out_dim\": " + (1 + r.nextInt(5)) + ", " + w + b + "}");
            }
            layers.add(pick(r, ACTIVATIONS));
        }
        if (images) {
            int readout = r.nextInt(4);
            if (readout == 0) {
                layers.add("{\"type\": \"GlobalAvgPool\"}");
            } else if (readout == 1) {
                layers.add("{\"type\": \"Flatten\"}");
            } else if (readout == 2) {
                layers.add("{\"type\": \"AvgPool\", \"window_shape\": [2, 2], \"padding\": \"SAME\"}");
                layers.add("{\"type\": \"GlobalAvgPool\"}");
            } // else no readout: the kernel keeps its spatial dims
        }
        layers.add("{\"type\": \"Dense\", \"out_dim\": 1, \"W_std\": 1.2}");
        return "{\"layers\": [" + String.join(", ", layers) + "]}";
    }

    /** Mangles a file's text or bytes: a cut, a flipped byte, a strict-spec violation, or nothing. */
    private static byte[] corrupt(Random r, byte[] bytes, boolean json) {
        switch (r.nextInt(json ? 6 : 4)) {
            case 0:
                return Arrays.copyOf(bytes, r.nextInt(bytes.length)); // truncated
            case 1: {
                byte[] b = bytes.clone();
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                return b;
            }
            case 2: {
                byte[] b = bytes.clone();
                b[r.nextInt(Math.min(b.length, 64))] ^= (byte) (1 << r.nextInt(8)); // header bit flip
                return b;
            }
            case 3:
                return new byte[0];
            case 4:
                return (new String(bytes, StandardCharsets.UTF_8) + pick(r, " x", "{}", "]", " // c"))
                        .getBytes(StandardCharsets.UTF_8); // trailing text
            default: {
                String s = new String(bytes, StandardCharsets.UTF_8);
                String[] subs = {"\"W_std\": 9999999999", "\"out_dim\": 2.5", "\"W_std\": 1, \"W_std\": 2",
                    "\"w_std\": 1", "\"out_dim\": 1e400", "\"W_std\": -1"};
                return s.replaceFirst("\"W_std\": [0-9.]+", pick(r, subs)).getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** Random values at a random scale 10^[-40, 40] (or 0, NaN, inf rarely), in a random .npy dtype. */
    private static Path inputs(Random r, Path file, long... shape) throws IOException {
        int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double scale = Math.pow(10, -40 + 80 * r.nextDouble());
        if (r.nextInt(3) == 0) {
            scale = 1;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * r.nextGaussian();
        }
        int special = r.nextInt(40);
        if (special == 0) {
            v[r.nextInt(n)] = Double.NaN;
        } else if (special == 1) {
            v[r.nextInt(n)] = Double.POSITIVE_INFINITY;
        } else if (special == 2) {
            Arrays.fill(v, 0);
        } else if (special == 3 && n > 1) {
            System.arraycopy(v, 0, v, n / 2, n / 2); // duplicated inputs
        }
        String descr = pick(r, "<f8", "<f8", "<f4", "<i4", "<i8", "|u1", "|i1");
        Files.write(file, npy(descr, shape, v));
        return file;
    }

    /** An .npy image of {@code values} in {@code descr} (integers rounded and clamped, float32 rounded). */
    static byte[] npy(String descr, long[] shape, double[] values) {
        int size = switch (descr) {
            case "<f8", "<i8" -> 8;
            case "<f4", "<i4" -> 4;
            default -> 1;
        };
        StringBuilder sh = new StringBuilder("(");
        for (long s : shape) {
            sh.append(s).append(", ");
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + sh.append(")") + ", }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + size * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : values) {
            switch (descr) {
                case "<f8" -> b.putDouble(v);
                case "<f4" -> b.putFloat((float) v);
                case "<i8" -> b.putLong((long) Math.max(-1e6, Math.min(1e6, v)));
                case "<i4" -> b.putInt((int) Math.max(-1e6, Math.min(1e6, v)));
                case "|u1" -> b.put((byte) Math.max(0, Math.min(255, Math.abs(v))));
                default -> b.put((byte) Math.max(-128, Math.min(127, v)));
            }
        }
        return b.array();
    }

    private Case kernelCase(Random r, Path d) throws IOException {
        boolean images = r.nextBoolean();
        long n1 = 1 + r.nextInt(4), n2 = 1 + r.nextInt(3);
        long[] perInput = images ? new long[] {2 + r.nextInt(3), 2 + r.nextInt(3), 1 + r.nextInt(2)}
                : new long[] {1 + r.nextInt(6)};
        Path spec = Files.writeString(d.resolve("net.json"), spec(r, images));
        Path x1 = inputs(r, d.resolve("x1.npy"), concat(n1, perInput));
        boolean cross = r.nextInt(3) == 0;
        Path x2 = cross ? inputs(r, d.resolve("x2.npy"), concat(n2, perInput)) : null;
        boolean f32 = r.nextInt(4) == 0, nngpOnly = r.nextInt(3) == 0;
        Path out = d.resolve("k.npz");
        List<String> args = new ArrayList<>(List.of("kernel", "--quiet", "--spec", spec.toString(), "--x1", x1.toString(),
                "--out", out.toString()));
        if (cross) {
            args.addAll(List.of("--x2", x2.toString()));
        }
        if (f32) {
            args.addAll(List.of("--precision", "float32"));
        }
        if (nngpOnly) {
            args.add("--nngp-only");
        }
        if (r.nextBoolean()) {
            args.addAll(List.of("--tile-size", Integer.toString(1 + r.nextInt(4))));
        }
        if (r.nextBoolean()) {
            args.addAll(List.of("--threads", Integer.toString(1 + r.nextInt(2))));
        }
        if (r.nextInt(6) == 0) {
            args.addAll(List.of("--checkpoint", d.resolve("ck").toString()));
        }
        List<Path> files = new ArrayList<>(List.of(spec, x1));
        if (x2 != null) {
            files.add(x2);
        }
        int mutation = r.nextInt(10);
        if (mutation == 0) { // a corrupt spec
            Files.write(spec, corrupt(r, Files.readAllBytes(spec), true));
        } else if (mutation == 1) { // a corrupt or truncated array
            Files.write(x1, corrupt(r, Files.readAllBytes(x1), false));
        } else if (mutation == 2) { // a bad option value
            String option = pick(r, "--tile-size", "--threads", "--precision", "--spark", "--out", "--checkpoint");
            String value = option.equals("--precision") ? pick(r, BAD_WORDS) : option.equals("--spark")
                    ? pick(r, "local[0]", "nowhere", "local[1,0]", "")
                    : option.equals("--out") ? pick(r, "", x1.toString(), spec.toString(), d.toString())
                    : option.equals("--checkpoint") ? pick(r, "", x1.toString(), spec.toString()) : pick(r, BAD_INTS);
            int at = args.indexOf(option);
            if (at >= 0) {
                args.set(at + 1, value);
            } else {
                args.addAll(List.of(option, value));
            }
        }
        Precision p = f32 ? Precision.FLOAT32 : Precision.FLOAT64;
        Reference ref = mutation <= 2 ? null : () -> {
            Layer net = NetworkSpec.read(spec);
            Gram g = Gram.of(net.withPrecision(p)).tileSize(1).threads(1);
            if (nngpOnly) {
                g = g.nngpOnly();
            }
            INDArray a1 = Npy.read(x1);
            Kernel k = x2 == null ? g.compute(a1) : g.compute(a1, Npy.read(x2));
            Map<String, INDArray> m = new LinkedHashMap<>();
            m.put("nngp", k.nngp());
            if (!nngpOnly) {
                m.put("ntk", k.ntk());
            }
            return m;
        };
        return new Case(args, files, out, ref);
    }

    private Case predictCase(Random r, Path d) throws IOException {
        long n = 2 + r.nextInt(3), m = 1 + r.nextInt(3), dim = 1 + r.nextInt(4), k = 1 + r.nextInt(2);
        Path spec = Files.writeString(d.resolve("net.json"), spec(r, false));
        Path x = inputs(r, d.resolve("x.npy"), n, dim);
        Path t = inputs(r, d.resolve("t.npy"), m, dim);
        Path y = inputs(r, d.resolve("y.npy"), n, k);
        Path out = d.resolve("p.npz");
        String kernel = pick(r, "ntk", "nngp");
        String time = pick(r, "inf", "1", "0", "10", "0.5", "1e3", "1d", "-1", "NaN", "0x10", "1,5", "");
        String lr = pick(r, "1", "0.5", "2", "1d", "0", "-1", "1e-2");
        String reg = pick(r, "1e-3", "0.01", "1", "0", "-1", "1f");
        List<String> args = new ArrayList<>(List.of("predict", "--quiet", "--spec", spec.toString(), "--train-x",
                x.toString(), "--train-y", y.toString(), "--test-x", t.toString(), "--kernel", kernel, "--t", time,
                "--lr", lr, "--diag-reg", reg, "--out", out.toString()));
        boolean cov = r.nextBoolean();
        if (cov) {
            args.add("--cov");
        }
        List<Path> files = List.of(spec, x, t, y);
        int mutation = r.nextInt(8);
        if (mutation == 0) {
            Files.write(y, corrupt(r, Files.readAllBytes(y), false));
        } else if (mutation == 1) {
            args.set(args.indexOf("--out") + 1, pick(r, x.toString(), y.toString(), t.toString(), spec.toString(), ""));
        }
        boolean plain = time.matches("inf|[0-9.e]+") && lr.matches("[0-9.e-]+") && reg.matches("[0-9.e-]+");
        Reference ref = mutation <= 1 || !plain ? null : () -> {
            double tv = time.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(time);
            double lv = Double.parseDouble(lr), rv = Double.parseDouble(reg);
            if (!(lv > 0) || rv < 0) {
                throw new IllegalArgumentException("refused by the command line's own checks");
            }
            INDArray yv = Npy.read(y);
            Gaussian g = KernelPredictor.of(Gram.of(NetworkSpec.read(spec)).threads(1)).learningRate(lv).diagReg(rv)
                    .predict(Regime.parse(kernel), tv, cov, Npy.read(x), yv, Npy.read(t));
            Map<String, INDArray> res = new LinkedHashMap<>();
            res.put("mean", g.mean());
            if (cov) {
                res.put("cov", g.covariance());
            }
            for (INDArray a : res.values()) {
                for (double v : a.data().asDouble()) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("non-finite prediction: refused");
                    }
                }
            }
            return res;
        };
        return new Case(args, files, out, ref);
    }

    private Case invarianceCase(Random r, Path d) throws IOException {
        long side = 2 + r.nextInt(2);
        Path spec = Files.writeString(d.resolve("net.json"), spec(r, true));
        Path x = inputs(r, d.resolve("x.npy"), 1 + r.nextInt(3), side, side, 1 + r.nextInt(2));
        String group = pick(r, "C4", "D4", "translation", "O(C)xI_d", "O(Cd)", "P(C)^d", "identity", "nope", "O(7)^d",
                "");
        String samples = pick(r, "1", "2", "0", "-3", "x", "2147483648", "5");
        List<String> args = new ArrayList<>(List.of("invariance", "--spec", spec.toString(), "--x", x.toString(),
                "--group", group, "--samples", samples, "--seed", Integer.toString(r.nextInt(5))));
        if (r.nextInt(4) == 0) {
            args.add("--all");
        }
        if (r.nextInt(8) == 0) {
            Files.write(x, corrupt(r, Files.readAllBytes(x), false));
        }
        return new Case(args, List.of(spec, x), null, null);
    }

    private static long[] concat(long n, long[] rest) {
        long[] s = new long[rest.length + 1];
        s[0] = n;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }
}

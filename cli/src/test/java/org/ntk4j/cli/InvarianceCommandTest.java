package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.cli.KernelCommandTest.Result;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.testkit.Seeded;

/** End-to-end runs of {@code ntk4j invariance}: one JSON line, and its errors. */
class InvarianceCommandTest {
    static final String FCN = """
            {"layers": [{"type": "Flatten"}, {"type": "Dense", "out_dim": 64, "W_std": 1.5, "b_std": 0.1},
                        {"type": "Relu"}, {"type": "Dense", "out_dim": 1, "W_std": 1.5, "b_std": 0.1}]}
            """;
    static final String GAP = """
            {"layers": [{"type": "Conv", "out_chan": 1, "filter_shape": [3, 3], "padding": "CIRCULAR",
                         "W_std": 1.5, "b_std": 0.1},
                        {"type": "Relu"}, {"type": "GlobalAvgPool"},
                        {"type": "Dense", "out_dim": 1, "W_std": 1.5, "b_std": 0.1}]}
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void init() {
        Ntk4j.init();
    }

    private Path images(String name, int n, int h, int w, int c) throws IOException {
        return Seeded.gaussianNpy(dir.resolve(name), new Random(n * 31L + h), n, h, w, c);
    }

    private Result invariance(String spec, Path x, String... extra) throws IOException {
        Path s = Files.writeString(dir.resolve("net.json"), spec);
        String[] args = new String[4 + 2 + extra.length];
        System.arraycopy(new String[] {"invariance", "--spec", s.toString(), "--x", x.toString()}, 0, args, 0, 5);
        args[5] = "--group";
        System.arraycopy(extra, 0, args, 6, extra.length);
        return KernelCommandTest.run(args);
    }

    private static double field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":([^,}]+)").matcher(json);
        assertTrue(m.find(), () -> name + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    private static String assertOneJsonLine(Result r) {
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().endsWith("\n"), r.out());
        String line = r.out().substring(0, r.out().length() - 1);
        assertFalse(line.contains("\n"), "one line: " + r.out());
        assertTrue(line.startsWith("{") && line.endsWith("}"), line);
        return line;
    }

    @Test
    void fcnIsInvariantUnderTheFullOrthogonalGroup() throws IOException {
        Result r = invariance(FCN, images("x.npy", 3, 4, 4, 2), "O(Cd)", "--samples", "2", "--seed", "7");
        String line = assertOneJsonLine(r);
        assertTrue(line.startsWith("{\"group\":\"O(Cd)\",\"sampling\":\"random\",\"seed\":7,"), line);
        assertTrue(field(line, "nngp") <= 1e-10, line);
        assertTrue(field(line, "ntk") <= 1e-10, line);
        assertTrue(field(line, "max") <= 1e-10, line);
        assertEquals(2, field(line, "samples"), line);
    }

    @Test
    void gapIsNotInvariantUnderPixelwiseChannelRotations() throws IOException {
        Result r = invariance(GAP, images("x.npy", 3, 4, 4, 3), "O(C)^d");
        String line = assertOneJsonLine(r);
        assertTrue(line.contains("\"group\":\"O(C)^d\""), line);
        assertTrue(field(line, "max") >= 1e-3, line);
        assertEquals(3, field(line, "samples"), "default --samples: " + line);
    }

    @Test
    void gapIsInvariantUnderEveryTranslation() throws IOException {
        Result r = invariance(GAP, images("x.npy", 2, 3, 3, 2), "translation", "--all");
        String line = assertOneJsonLine(r);
        assertTrue(line.contains("\"sampling\":\"all\",\"seed\":null"), line);
        assertEquals(9, field(line, "samples"), "all 3x3 shifts: " + line);
        assertTrue(field(line, "max") <= 1e-10, line);
    }

    @Test
    void unknownGroupListsTheKnownNames() throws IOException {
        Result r = invariance(GAP, images("x.npy", 2, 3, 3, 2), "Z5");
        r.assertUsageError("unknown group 'Z5'");
        assertTrue(r.err().contains("O(Cd)") && r.err().contains("O(C)xI_d") && r.err().contains("C4"), r.err());
    }

    @Test
    void groupThatDoesNotFitTheData() throws IOException {
        invariance(GAP, images("x.npy", 2, 3, 4, 2), "C4").assertUsageError("--group C4 cannot act on --x ");
    }

    @Test
    void zeroSamples() throws IOException {
        invariance(GAP, images("x.npy", 2, 3, 3, 2), "O(C)^d", "--samples", "0")
                .assertUsageError("--samples must be at least 1, got 0");
    }

    /**
     * A billion samples of C4 (order 4) used to hold every sampled element in memory, for minutes,
     * until an OutOfMemoryError: now every element is tried once, as with --all, and stderr says so.
     */
    @Test
    void moreSamplesThanAFiniteGroupHasEnumerateIt() throws IOException {
        Path x = images("x.npy", 2, 4, 4, 1);
        Result all = invariance(GAP, x, "C4", "--all");
        Result r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> invariance(GAP, x, "C4", "--samples", "1000000000"));
        String line = assertOneJsonLine(r);
        assertTrue(line.startsWith("{\"group\":\"C4\",\"sampling\":\"all\",\"seed\":null,"), line);
        assertEquals(assertOneJsonLine(all), line, "the same as --all");
        assertEquals(4, field(line, "samples"), line);
        assertTrue(r.err().contains("--samples 1000000000 is at least the order 4 of C4 on these inputs: trying every "
                + "element once instead"), r.err());
        // with --x2 too (where --all is not offered), and exactly at the order
        Path x2 = images("x2.npy", 3, 4, 4, 1);
        String cross = assertOneJsonLine(invariance(GAP, x, "C4", "--samples", "4", "--x2", x2.toString()));
        assertTrue(cross.contains("\"sampling\":\"all\"") && field(cross, "samples") == 4, cross);
        // fewer samples than the order: still sampled
        String sampled = assertOneJsonLine(invariance(GAP, x, "C4", "--samples", "3"));
        assertTrue(sampled.contains("\"sampling\":\"random\"") && field(sampled, "samples") == 3, sampled);
    }
}

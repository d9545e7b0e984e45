package org.ntk4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.symmetry.Architecture;

class Fig2LearningCurvesTest {
    @Test
    void slopeOfTheErrorIsTheLogLogLeastSquaresSlope() {
        // error 0.5, 0.25, 0.125 at N = 10, 20, 40: error ∝ 1/N, slope −1.
        var curve = List.of(new Fig2LearningCurves.Point(Architecture.FCN, "identity", 10, 0.5, 0, 1, 0),
                new Fig2LearningCurves.Point(Architecture.FCN, "identity", 20, 0.75, 0, 1, 0),
                new Fig2LearningCurves.Point(Architecture.FCN, "identity", 40, 0.875, 0, 1, 0));
        assertEquals(-1, Fig2LearningCurves.slope(curve), 1e-12);
    }

    @Test
    void comparisonsPairTransformsWithinAnArchitectureAndArchitecturesOnTheSameImages() {
        boolean[] r1 = {true, true, true, false, false};
        boolean[] r2 = {true, false, false, false, true};
        var fcn = new Fig2LearningCurves.Point(Architecture.FCN, "identity", 10, 0.6, 0, 1, 0, r1);
        var fcnO = new Fig2LearningCurves.Point(Architecture.FCN, "O(Cd)", 10, 0.4, 0, 1, 0, r2);
        var gap = new Fig2LearningCurves.Point(Architecture.GAP, "identity", 10, 0.4, 0, 1, 0, r2);
        var gap20 = new Fig2LearningCurves.Point(Architecture.GAP, "identity", 20, 0.4, 0, 1, 0, r2);
        var archs = List.of(Architecture.FCN, Architecture.GAP);
        var transforms = List.of("identity", "O(Cd)");
        var all = Fig2LearningCurves.comparisons(List.of(fcn, fcnO, gap, gap20), archs, transforms, ab -> true);
        assertEquals(List.of("FCN identity vs O(Cd)", "FCN vs GAP on identity"),
                all.stream().map(Fig2LearningCurves.Comparison::label).toList());
        // images 1 and 2 only FCN right, image 4 only the other: exact McNemar p = 2·P(X ≤ 1 | 3, ½) = 1.
        assertEquals(2, all.get(0).onlyA());
        assertEquals(1, all.get(0).onlyB());
        assertEquals(1.0, all.get(0).p(), 1e-12);
        // Architectures on different images are not compared.
        assertEquals(1, Fig2LearningCurves.comparisons(List.of(fcn, fcnO, gap), archs, transforms, ab -> false).size());
    }

    @Test
    void aTinyRunWritesOneRowPerCellAndSizeAndBothPlots(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = Fig2LearningCurves.run(new String[] {"--sizes", "4,8", "--test", "6", "--pooled-sizes", "4",
            "--pooled-test", "4", "--depth", "1", "--arch", "FCN,GAP", "--threads", "1", "--out", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, out.toString(StandardCharsets.UTF_8));
        List<String> csv = Files.readAllLines(dir.resolve("curves.csv"));
        assertEquals(1 + 2 * 2 + 2 * 1, csv.size());
        assertTrue(csv.get(1).startsWith("FCN,identity,4,"), csv.get(1));
        assertTrue(Files.size(dir.resolve("error.png")) > 1000 && Files.size(dir.resolve("mse.png")) > 1000);
    }

    @Test
    void readsBackTheGramsACheckpointedFig2RunStoredOnTheSameImages(@TempDir Path dir) throws IOException {
        Path cp = dir.resolve("cp");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, Fig2.run(new String[] {"--train", "6", "--test", "5", "--depth", "1", "--arch", "FCN,LCN",
            "--transforms", "identity,O(Cd)", "--threads", "1", "--checkpoint", cp.toString(), "--out",
            dir.resolve("fig2").toString()}, ps), out.toString(StandardCharsets.UTF_8));
        Map<Path, FileTime> stored = files(cp);
        // LCN under O(Cd) was built (not reused), FCN under O(Cd) reused the untransformed Grams.
        assertTrue(Files.isDirectory(cp.resolve("LCN_O_Cd_draw_1_test-train")), stored.keySet().toString());
        assertEquals(0, Fig2LearningCurves.run(new String[] {"--sizes", "3,6", "--test", "5", "--pooled-sizes", "4",
            "--depth", "1", "--arch", "FCN,LCN", "--threads", "1", "--checkpoint", cp.toString(), "--out",
            dir.resolve("curves").toString()}, ps), out.toString(StandardCharsets.UTF_8));
        Map<Path, FileTime> after = files(cp);
        stored.forEach((file, time) -> assertEquals(time, after.get(file), file + " was rewritten"));
        after.keySet().removeAll(stored.keySet());
        // The only new builds: FCN under O(Cd), which Fig2 never built.
        assertTrue(after.keySet().stream().allMatch(f -> f.getName(0).toString().startsWith("FCN_O_Cd_draw_1_")),
                after.keySet().toString());
        assertTrue(!after.isEmpty());
    }

    /** Every regular file below {@code root}, relative to it, with its modification time. */
    static Map<Path, FileTime> files(Path root) throws IOException {
        Map<Path, FileTime> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(f), Files.getLastModifiedTime(f));
            }
        }
        return m;
    }
}

package org.ntk4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}

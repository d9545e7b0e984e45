package org.ntk4j.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The Theorem 4.1 table on random 6×6×3 images: every cell agrees with the theorem. */
class Theorem41Test {
    private static final INDArray X = Theorem41.randomImages(4, 6, 3, 41);
    private static Theorem41Result result;

    @BeforeAll
    static void run() {
        result = Theorem41.defaults().run(X);
    }

    @Test
    void everyCellAgreesWithTheTheorem() {
        assertEquals(5 * 7, result.cells().size());
        assertTrue(result.allAgree(), result::markdown);
    }

    @Test
    void predictionsFollowTheSpecTable() {
        for (Theorem41Cell c : result.cells()) {
            boolean expected = switch (c.architecture()) {
                case FCN -> true;
                case LCN, VEC -> !List.of("O(Cd)", "P(Cd)").contains(c.column());
                case GAP, LAP -> List.of("O(C)xI_d", "P(C)xI_d", "translation").contains(c.column());
            };
            assertEquals(expected, c.predictedInvariant(), c.toString());
        }
        assertEquals("translation(2)", result.cell(Architecture.LAP, "translation").measuredGroup());
    }

    @Test
    void reportWritesMarkdownCsvAndAReadablePng() throws IOException {
        Path dir = Path.of("target", "theorem41");
        List<Path> files = result.writeReport(dir);
        assertTrue(Files.readString(files.get(0)).contains("| VEC |"));
        assertEquals(1 + 35, Files.readAllLines(files.get(1)).size());
        var img = ImageIO.read(files.get(2).toFile());
        assertTrue(img.getWidth() > 600 && img.getHeight() > 300, img.getWidth() + "x" + img.getHeight());
        System.out.println(result.markdown());
    }

    @Test
    void lapIsNotInvariantUnderUnitShifts() {
        Deviation d = Invariance.of(PaperNetworks.small().network(Architecture.LAP), Groups.translation(1), X, 4, 7);
        assertTrue(d.max() >= Theorem41Cell.BROKEN_MIN, d.toString());
    }
}

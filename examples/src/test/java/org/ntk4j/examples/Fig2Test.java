package org.ntk4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.core.io.FashionMnist;
import org.ntk4j.symmetry.Architecture;
import org.ntk4j.symmetry.PaperNetworks;

/** Fig. 2 on a tiny slice of the shipped data: 20 train and 20 test images, one hidden layer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Fig2Test {
    private static final List<Architecture> ARCHS = List.of(Architecture.FCN, Architecture.LCN, Architecture.GAP);
    private Fig2Data data;
    private Fig2Result result;

    @BeforeAll
    void run() throws IOException {
        data = Fig2Data.prepare(FashionMnist.load(), 20, 20);
        result = new Fig2Experiment(PaperNetworks.paper().withDepth(1), ARCHS, Fig2Experiment.PAPER_TRANSFORMS, 2,
                1e-4, 0, false).run(data);
    }

    @Test
    void dataAreSpaceToDepthStandardisedWithOneHotLabels() {
        assertEquals(List.of(20L, 14L, 14L, 4L), List.of(data.xTrain().shape()[0], data.xTrain().shape()[1],
                data.xTrain().shape()[2], data.xTrain().shape()[3]));
        assertEquals(20, data.testSize());
        assertEquals(10, data.yTrain().size(1));
        assertEquals(20.0, data.yTrain().sumNumber().doubleValue(), 0);
    }

    @Test
    void everyCellTheoremFourOnePredictsInvariantKeepsTheUntransformedAccuracy() {
        assertEquals(List.of(), result.theoremViolations(0));
        assertEquals(result.accuracy(Architecture.GAP, "identity"), result.accuracy(Architecture.GAP, "O(C)xI_d"));
        assertEquals(result.accuracy(Architecture.LCN, "identity"), result.accuracy(Architecture.LCN, "O(C)^d"));
        assertEquals(result.accuracy(Architecture.FCN, "identity"), result.accuracy(Architecture.FCN, "O(Cd)"));
    }

    @Test
    void theTransformMovesTheDataButKeepsTheirNorm() {
        Fig2Data rotated = result.setup().transform(data, "O(Cd)");
        assertTrue(rotated.xTrain().sub(data.xTrain()).norm2Number().doubleValue() > 1);
        assertEquals(data.xTrain().norm2Number().doubleValue(), rotated.xTrain().norm2Number().doubleValue(), 1e-9);
    }

    @Test
    void writesCsvMarkdownAndChart(@TempDir Path dir) throws IOException {
        List<Path> files = result.write(dir);
        List<String> csv = Files.readAllLines(files.get(0));
        assertEquals(1 + ARCHS.size() * 5, csv.size());
        assertTrue(csv.get(1).startsWith("FCN,identity,"), csv.get(1));
        assertTrue(Files.readString(files.get(1)).contains("| GAP |"));
        BufferedImage png = ImageIO.read(files.get(2).toFile());
        assertNotNull(png);
        assertTrue(png.getWidth() >= 800 && png.getHeight() >= 400);
    }

    @Test
    void tableHasARowPerArchitectureAndAColumnPerTransform() {
        List<String> lines = result.table().lines().toList();
        assertEquals(1 + ARCHS.size(), lines.size());
        assertTrue(lines.get(0).contains("O(C)xI_d") && lines.get(0).contains("O(Cd)"), lines.get(0));
        assertTrue(lines.get(3).startsWith("GAP"), lines.get(3));
    }

    @Test
    void unknownTransformIsRejectedWithTheKnownNames() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Fig2Experiment(PaperNetworks.small(), ARCHS,
                List.of("O(D)"), 1, 0, 0, false));
        assertTrue(e.getMessage().contains("O(C)^d"), e.getMessage());
    }

    @Test
    void badOptionExitsWithTwoAndSaysWhy() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Fig2.run(new String[] {"--train", "0", "--out", "unused"},
                    new PrintStream(out, true, StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, message);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing on stdout");
        assertTrue(message.startsWith("Fig2: error: ") && message.endsWith("\n")
                && message.indexOf('\n') == message.length() - 1, "one error line: " + message);
        // Why: --train 0 asks for no training images.
        assertEquals("Fig2: error: --train must be at least 1, got 0\n", message);
    }
}

package org.ntk4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The PNG line plot: linear and log axes, error bars, non-positive values on a log axis skipped. */
class LinePlotTest {
    @Test
    void writesAReadablePng() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "lineplot"));
        double[] n = {2, 4, 8};
        new LinePlot("log-log", "n", "effect", true, true)
                .add(new LinePlot.Series("a", n, new double[] {0.1, 0.05, 0.025}, new double[] {0.01, 0.01, 0.03}, false))
                .add(new LinePlot.Series("b", n, new double[] {0, -1, 1e-3}, null, true))
                .write(dir.resolve("log.png"));
        new LinePlot("linear", "t", "S-Dist", false, false)
                .add(new LinePlot.Series("flat", n, new double[] {0, 0, 0}, null, false))
                .write(dir.resolve("linear.png"));
        for (String f : new String[] {"log.png", "linear.png"}) {
            var img = ImageIO.read(dir.resolve(f).toFile());
            assertEquals(760, img.getWidth());
            assertTrue(img.getHeight() > 500);
        }
    }

    @Test
    void argsReadPairsAndDefaults() {
        Args a = new Args(new String[] {"--draws", "12", "--input", "random"});
        assertEquals(12, a.integer("draws", 3));
        assertEquals("random", a.get("input", "shipped"));
        assertEquals(5, a.integer("widths-missing", 5));
    }
}

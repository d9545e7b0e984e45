package org.ntk4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The PNG line plot: linear and log axes, error bars, non-positive values on a log axis skipped. */
class LinePlotTest {
    private static final int BLUE = new Color(31, 119, 180).getRGB();
    private static final int RED = new Color(214, 39, 40).getRGB();
    private static final double[] N = {2, 4, 8};

    @Test
    void writesAReadablePng() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "lineplot"));
        LinePlot log = new LinePlot("log-log", "n", "effect", true, true)
                .add(new LinePlot.Series("a", N, new double[] {0.1, 0.05, 0.025}, new double[] {0.01, 0.01, 0.03}, false))
                .add(new LinePlot.Series("b", N, new double[] {0, -1, 1e-3}, null, true));
        log.write(dir.resolve("log.png"));
        LinePlot linear = plot(false, new double[] {0, 0, 0}, null);
        linear.write(dir.resolve("linear.png"));
        // 760 wide, 520 high plus one 18-pixel legend row per series; the file holds what render() drew.
        assertSameImage(log.render(), ImageIO.read(dir.resolve("log.png").toFile()), 760, 520 + 2 * 18);
        assertSameImage(linear.render(), ImageIO.read(dir.resolve("linear.png").toFile()), 760, 520 + 18);
    }

    @Test
    void eachSeriesIsDrawnInItsColourInsideThePlot() {
        BufferedImage img = new LinePlot("two", "n", "y", false, false)
                .add(new LinePlot.Series("a", N, new double[] {1, 2, 3}, null, false))
                .add(new LinePlot.Series("b", N, new double[] {3, 2, 1}, null, true)).render();
        assertTrue(plotPixels(img, BLUE) > 50, "series a (blue) in the plot area");
        assertTrue(plotPixels(img, RED) > 50, "series b (red) in the plot area");
    }

    @Test
    void anExplicitColourOverridesThePosition() {
        // Two series of the same colour index 1 (red): no blue anywhere in the plot area.
        BufferedImage img = new LinePlot("same", "n", "y", false, false)
                .add(new LinePlot.Series("a", N, new double[] {1, 2, 3}, null, false, 1))
                .add(new LinePlot.Series("b", N, new double[] {3, 2, 1}, null, true, 1)).render();
        assertEquals(0, plotPixels(img, BLUE));
        assertTrue(plotPixels(img, RED) > 100);
    }

    @Test
    void logAndLinearAxesPlaceThePointsDifferently() {
        double[] y = {1, 10, 100};
        assertNotEquals(0, differingPixels(plot(true, y, null).render(), plot(false, y, null).render()));
    }

    @Test
    void errorBarsAreDrawn() {
        double[] y = {1, 2, 3};
        BufferedImage without = plot(false, y, null).render();
        BufferedImage with = plot(false, y, new double[] {0.5, 0.5, 0.5}).render();
        // The bars add blue pixels; the axis range grows with them, so the images differ as well.
        assertTrue(plotPixels(with, BLUE) > plotPixels(without, BLUE),
                plotPixels(with, BLUE) + " blue pixels with bars, " + plotPixels(without, BLUE) + " without");
    }

    @Test
    void nonPositiveValuesOnALogAxisAreSkipped() {
        BufferedImage zero = plot(true, new double[] {0.1, 0, 0.025}, null).render();
        BufferedImage negative = plot(true, new double[] {0.1, -3, 0.025}, null).render();
        BufferedImage positive = plot(true, new double[] {0.1, 0.05, 0.025}, null).render();
        // Which non-positive value it was leaves no trace; a positive one in its place is drawn.
        assertEquals(0, differingPixels(zero, negative));
        assertNotEquals(0, differingPixels(zero, positive));
    }

    /** One blue series with markers on n = 2, 4, 8, log or linear y. */
    private static LinePlot plot(boolean logY, double[] y, double[] err) {
        return new LinePlot("t", "n", "y", false, logY).add(new LinePlot.Series("a", N, y, err, false));
    }

    private static void assertSameImage(BufferedImage expected, BufferedImage actual, int width, int height) {
        assertNotNull(actual, "ImageIO could not read the PNG");
        assertEquals(width, actual.getWidth());
        assertEquals(height, actual.getHeight());
        assertEquals(0, differingPixels(expected, actual));
    }

    /** Pixels of exactly {@code rgb} inside the plot frame (y from 50 to 450), legend and title excluded. */
    private static int plotPixels(BufferedImage img, int rgb) {
        int count = 0;
        for (int y = 51; y < 450; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                count += img.getRGB(x, y) == rgb ? 1 : 0;
            }
        }
        return count;
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        int count = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                count += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return count;
    }

    @Test
    void argsReadPairsAndDefaults() {
        Args a = new Args(new String[] {"--draws", "12", "--input", "random"});
        assertEquals(12, a.integer("draws", 3));
        assertEquals("random", a.get("input", "shipped"));
        assertEquals(5, a.integer("widths-missing", 5));
    }
}

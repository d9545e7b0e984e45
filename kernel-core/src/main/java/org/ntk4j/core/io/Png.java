package org.ntk4j.core.io;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The plain java.awt plumbing of the library's figures (Theorem 4.1 heat map, Fig. 2 bar chart):
 * a white, antialiased canvas that works headless, centred text, and writing a PNG.
 */
public final class Png {
    private Png() {
    }

    /**
     * A white {@code width × height} RGB image; switches AWT to headless mode unless the
     * {@code java.awt.headless} property was set.
     */
    public static BufferedImage canvas(int width, int height) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    /** Graphics on {@code img} with text and shape antialiasing; the caller disposes it. */
    public static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    /** Draws {@code s} in the current font and colour, centred on {@code cx}, on the {@code baseline}. */
    public static void centered(Graphics2D g, String s, int cx, int baseline) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(s, cx - m.stringWidth(s) / 2, baseline);
    }

    /**
     * Writes {@code img} as PNG to {@code file}.
     *
     * @throws IOException if writing fails or no PNG writer is available
     */
    public static void write(BufferedImage img, Path file) throws IOException {
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}

package org.ntk4j.symmetry;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.ntk4j.core.io.Png;

/**
 * Renders a {@link Theorem41Result} as a heat map of log10 deviation (plain java.awt, headless):
 * one coloured cell per (architecture, group) with its deviation and verdict, a colour bar from
 * 1e-16 to 1, and a red frame around any cell that disagrees with the theorem.
 */
final class HeatMap {
    private static final int CELL_W = 118;
    private static final int CELL_H = 62;
    private static final int LEFT = 70;
    private static final int TOP = 74;
    private static final int BAR_H = 70;
    private static final double LOG_MIN = -16;
    /** Viridis-like colour stops, low to high. */
    private static final Color[] STOPS = {new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
        new Color(94, 201, 98), new Color(253, 231, 37)};

    private HeatMap() {
    }

    static BufferedImage render(Theorem41Result r) {
        int cols = r.columns().size();
        int rows = r.rows().size();
        int width = LEFT + cols * CELL_W + 30;
        int height = TOP + rows * CELL_H + BAR_H;
        BufferedImage img = Png.canvas(width, height);
        Graphics2D g = Png.graphics(img);
        try {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("Theorem 4.1: log10 relative kernel deviation under each group", 10, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            for (int j = 0; j < cols; j++) {
                Png.centered(g, r.columns().get(j), LEFT + j * CELL_W + CELL_W / 2, TOP - 14);
            }
            for (int i = 0; i < rows; i++) {
                Architecture a = r.rows().get(i);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                g.drawString(a.name(), 14, TOP + i * CELL_H + CELL_H / 2 + 5);
                for (int j = 0; j < cols; j++) {
                    drawCell(g, r.cell(a, r.columns().get(j)), LEFT + j * CELL_W, TOP + i * CELL_H);
                }
            }
            drawColourBar(g, LEFT, TOP + rows * CELL_H + 22, cols * CELL_W);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void drawCell(Graphics2D g, Theorem41Cell c, int x, int y) {
        double d = c.deviation().max();
        Color fill = colour(fraction(d));
        g.setColor(fill);
        g.fillRect(x, y, CELL_W, CELL_H);
        g.setColor(Color.WHITE);
        g.drawRect(x, y, CELL_W, CELL_H);
        g.setColor(luminance(fill) > 140 ? Color.BLACK : Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        Png.centered(g, Theorem41Result.format(d), x + CELL_W / 2, y + 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        String verdict = (c.predictedInvariant() ? "inv" : "not inv") + (c.agrees() ? ", agrees" : ", DISAGREES");
        Png.centered(g, verdict, x + CELL_W / 2, y + 38);
        if (!c.measuredGroup().equals(c.column())) {
            g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
            Png.centered(g, "as " + c.measuredGroup(), x + CELL_W / 2, y + 54);
        }
        if (!c.agrees()) {
            g.setColor(Color.RED);
            g.setStroke(new BasicStroke(4));
            g.drawRect(x + 2, y + 2, CELL_W - 4, CELL_H - 4);
            g.setStroke(new BasicStroke(1));
        }
    }

    private static void drawColourBar(Graphics2D g, int x, int y, int w) {
        for (int i = 0; i < w; i++) {
            g.setColor(colour((double) i / (w - 1)));
            g.fillRect(x + i, y, 1, 14);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int e = (int) LOG_MIN; e <= 0; e += 2) {
            int tx = x + (int) Math.round((e - LOG_MIN) / -LOG_MIN * (w - 1));
            g.drawLine(tx, y + 14, tx, y + 18);
            Png.centered(g, "1e" + e, tx, y + 31);
        }
        g.drawString("log10 deviation (0 and values below 1e-16 are drawn at 1e-16)", x, y - 5);
    }

    /** Position of {@code d} on the colour scale, 0 at 1e-16 (and for 0), 1 at 1. */
    private static double fraction(double d) {
        double l = d > 0 ? Math.log10(d) : LOG_MIN;
        return Math.max(0, Math.min(1, (l - LOG_MIN) / -LOG_MIN));
    }

    private static Color colour(double f) {
        double s = f * (STOPS.length - 1);
        int i = Math.min((int) s, STOPS.length - 2);
        double t = s - i;
        Color a = STOPS[i];
        Color b = STOPS[i + 1];
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    private static int luminance(Color c) {
        return (int) (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue());
    }
}

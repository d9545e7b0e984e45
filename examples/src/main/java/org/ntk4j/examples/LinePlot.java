package org.ntk4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.ImageIO;

/**
 * A minimal line plot rendered with plain java.awt (headless): several series of points with
 * optional symmetric error bars, linear or log10 axes, a title, axis labels and a legend. On a
 * log axis, values ≤ 0 (and the parts of error bars below 0) are not drawn.
 */
final class LinePlot {
    private static final int W = 760;
    private static final int PLOT_H = 520;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int AXIS_BOTTOM = 70;
    private static final int LEGEND_ROW = 18;
    /** The y of the plot area's bottom edge; the legend goes below the x-axis label. */
    private static final int PLOT_BOTTOM = PLOT_H - AXIS_BOTTOM;
    private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(214, 39, 40),
        new Color(44, 160, 44), new Color(255, 127, 14), new Color(148, 103, 189)};

    /**
     * One series: points (x, y) with error bars {@code err} (null for none); dashed lines have no markers.
     * {@code colour} picks the palette entry (mod its size), so that related series share a colour; −1
     * takes the series' position in the plot.
     */
    record Series(String name, double[] x, double[] y, double[] err, boolean dashed, int colour) {
        Series(String name, double[] x, double[] y, double[] err, boolean dashed) {
            this(name, x, y, err, dashed, -1);
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();

    LinePlot(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
        this.logY = logY;
    }

    LinePlot add(Series s) {
        series.add(s);
        return this;
    }

    /** Renders and writes the plot as a PNG file. */
    void write(Path png) throws IOException {
        if (!ImageIO.write(render(), "png", png.toFile())) {
            throw new IOException("no PNG writer available for " + png);
        }
    }

    BufferedImage render() {
        System.setProperty("java.awt.headless", "true");
        int height = PLOT_H + LEGEND_ROW * series.size();
        double[] xr = range(true);
        double[] yr = range(false);
        DoubleUnaryOperator px = v -> LEFT + (axis(v, logX) - xr[0]) / (xr[1] - xr[0]) * (W - LEFT - RIGHT);
        DoubleUnaryOperator py = v -> PLOT_BOTTOM - (axis(v, logY) - yr[0]) / (yr[1] - yr[0]) * (PLOT_BOTTOM - TOP);
        BufferedImage img = new BufferedImage(W, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, height);
            drawAxes(g, xr, yr);
            for (int i = 0; i < series.size(); i++) {
                Color c = colour(series.get(i), i);
                drawSeries(g, series.get(i), c, px, py);
                drawLegendEntry(g, series.get(i), c, i);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private void drawAxes(Graphics2D g, double[] xr, double[] yr) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(LEFT, TOP, W - LEFT - RIGHT, PLOT_BOTTOM - TOP);
        for (int k = 0; k <= 5; k++) {
            double fx = xr[0] + k * (xr[1] - xr[0]) / 5;
            int sx = LEFT + k * (W - LEFT - RIGHT) / 5;
            g.drawLine(sx, PLOT_BOTTOM, sx, PLOT_BOTTOM + 5);
            g.drawString(tick(fx, logX), sx - 18, PLOT_BOTTOM + 20);
            double fy = yr[0] + k * (yr[1] - yr[0]) / 5;
            int sy = PLOT_BOTTOM - k * (PLOT_BOTTOM - TOP) / 5;
            g.drawLine(LEFT - 5, sy, LEFT, sy);
            g.drawString(tick(fy, logY), 8, sy + 4);
        }
        g.drawString(xLabel, LEFT + (W - LEFT - RIGHT) / 2 - 3 * xLabel.length(), PLOT_BOTTOM + 40);
        g.drawString(yLabel, 8, TOP - 8);
    }

    /** The colour of series {@code s}, the {@code i}-th of the plot. */
    static Color colour(Series s, int i) {
        return COLOURS[(s.colour() >= 0 ? s.colour() : i) % COLOURS.length];
    }

    private void drawSeries(Graphics2D g, Series s, Color c, DoubleUnaryOperator px, DoubleUnaryOperator py) {
        g.setColor(c);
        g.setStroke(s.dashed() ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[] {6, 5}, 0) : new BasicStroke(2));
        int[] prev = null;
        for (int i = 0; i < s.x().length; i++) {
            if (!drawable(s.x()[i], logX) || !drawable(s.y()[i], logY)) {
                prev = null;
                continue;
            }
            int sx = (int) Math.round(px.applyAsDouble(s.x()[i]));
            int sy = (int) Math.round(py.applyAsDouble(s.y()[i]));
            if (prev != null) {
                g.drawLine(prev[0], prev[1], sx, sy);
            }
            prev = new int[] {sx, sy};
            if (!s.dashed()) {
                g.fillOval(sx - 4, sy - 4, 8, 8);
            }
            if (s.err() != null) {
                double lo = s.y()[i] - s.err()[i];
                int top = (int) Math.round(py.applyAsDouble(s.y()[i] + s.err()[i]));
                int bottom = drawable(lo, logY) ? (int) Math.round(py.applyAsDouble(lo)) : PLOT_BOTTOM;
                g.drawLine(sx, top, sx, bottom);
                g.drawLine(sx - 4, top, sx + 4, top);
                g.drawLine(sx - 4, bottom, sx + 4, bottom);
            }
        }
        g.setStroke(new BasicStroke(1));
    }

    private void drawLegendEntry(Graphics2D g, Series s, Color c, int i) {
        int y = PLOT_BOTTOM + AXIS_BOTTOM - 4 + LEGEND_ROW * i;
        g.setColor(c);
        g.fillRect(LEFT + 12, y - 8, 22, 4);
        g.setColor(Color.BLACK);
        g.drawString(s.name(), LEFT + 40, y - 2);
    }

    /** [min, max] of the data (with error bars) in axis units, padded by 5 %. */
    private double[] range(boolean isX) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean log = isX ? logX : logY;
        for (Series s : series) {
            double[] v = isX ? s.x() : s.y();
            for (int i = 0; i < v.length; i++) {
                double e = isX || s.err() == null ? 0 : s.err()[i];
                for (double w : new double[] {v[i] - e, v[i] + e}) {
                    if (drawable(w, log)) {
                        lo = Math.min(lo, axis(w, log));
                        hi = Math.max(hi, axis(w, log));
                    }
                }
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double pad = 0.05 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }

    private static boolean drawable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static double axis(double v, boolean log) {
        return log ? Math.log10(v) : v;
    }

    private static String tick(double a, boolean log) {
        return log ? String.format(Locale.ROOT, "%.2g", Math.pow(10, a)) : String.format(Locale.ROOT, "%.3g", a);
    }
}

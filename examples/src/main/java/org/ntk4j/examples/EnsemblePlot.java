package org.ntk4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A minimal line chart (java.awt, headless) for the ensemble experiments: named series of (x, y)
 * points, optional log axes (non-positive values are clamped to the axis floor), a legend, and
 * PNG output; plus a CSV writer.
 */
final class EnsemblePlot {
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127)};
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final List<String> names = new ArrayList<>();
    private final List<double[][]> series = new ArrayList<>();
    private final List<Boolean> dashed = new ArrayList<>();
    private double yFloor = 1e-17;

    EnsemblePlot(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
        this.logY = logY;
    }

    EnsemblePlot yFloor(double floor) {
        this.yFloor = floor;
        return this;
    }

    EnsemblePlot add(String name, double[] x, double[] y) {
        return add(name, x, y, false);
    }

    EnsemblePlot add(String name, double[] x, double[] y, boolean dash) {
        names.add(name);
        series.add(new double[][] {x.clone(), y.clone()});
        dashed.add(dash);
        return this;
    }

    private double tx(double v) {
        return logX ? Math.log10(v) : v;
    }

    private double ty(double v) {
        return logY ? Math.log10(Math.max(v, yFloor)) : v;
    }

    void write(Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 900;
        int h = 560;
        int left = 110;
        int right = 250;
        int top = 50;
        int bottom = 70;
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (double[][] s : series) {
            for (int i = 0; i < s[0].length; i++) {
                x0 = Math.min(x0, tx(s[0][i]));
                x1 = Math.max(x1, tx(s[0][i]));
                y0 = Math.min(y0, ty(s[1][i]));
                y1 = Math.max(y1, ty(s[1][i]));
            }
        }
        if (logY) {
            y0 = Math.floor(y0);
            y1 = Math.ceil(y1);
        }
        if (y1 <= y0) {
            y1 = y0 + 1;
        }
        if (x1 <= x0) {
            x1 = x0 + 1;
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int pw = w - left - right;
        int ph = h - top - bottom;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(left, top, pw, ph);
        int ticks = 6;
        for (int i = 0; i <= ticks; i++) {
            double xv = x0 + (x1 - x0) * i / ticks;
            int px = left + pw * i / ticks;
            g.setColor(new Color(230, 230, 230));
            g.drawLine(px, top, px, top + ph);
            g.setColor(Color.BLACK);
            g.drawString(label(xv, logX), px - 18, top + ph + 18);
        }
        double step = logY ? Math.ceil((y1 - y0) / 12) : (y1 - y0) / 6;
        for (double yv = y0; yv <= y1 + 1e-9; yv += step) {
            int py = top + ph - (int) Math.round(ph * (yv - y0) / (y1 - y0));
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left, py, left + pw, py);
            g.setColor(Color.BLACK);
            g.drawString(label(yv, logY), 40, py + 4);
        }
        g.drawString(xLabel, left + pw / 2 - 60, h - 20);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(top + ph / 2 + 80), 20);
        g.rotate(Math.PI / 2);
        for (int k = 0; k < series.size(); k++) {
            double[][] s = series.get(k);
            g.setColor(COLORS[k % COLORS.length]);
            g.setStroke(dashed.get(k) ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 5f}, 0f) : new BasicStroke(2f));
            int prevX = 0;
            int prevY = 0;
            for (int i = 0; i < s[0].length; i++) {
                int px = left + (int) Math.round(pw * (tx(s[0][i]) - x0) / (x1 - x0));
                int py = top + ph - (int) Math.round(ph * (ty(s[1][i]) - y0) / (y1 - y0));
                g.fillOval(px - 3, py - 3, 7, 7);
                if (i > 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                prevX = px;
                prevY = py;
            }
            int ly = top + 15 + 20 * k;
            g.drawLine(left + pw + 15, ly - 4, left + pw + 40, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(names.get(k), left + pw + 45, ly);
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }

    private static String label(double v, boolean log) {
        return log ? "1e" + Math.round(v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** Writes a CSV with a header line and one line per row. */
    static void csv(Path file, String header, List<String> rows) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println(header);
            rows.forEach(out::println);
        }
    }

    /** {@code %.6g} in the root locale ("inf" for +∞). */
    static String num(double v) {
        return v == Double.POSITIVE_INFINITY ? "inf" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** The value of {@code --name value} in args, or the default. */
    static String flag(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** Comma-separated integers of {@code --name}, or the default. */
    static int[] ints(String[] args, String name, String fallback) {
        return java.util.Arrays.stream(flag(args, name, fallback).split(",")).mapToInt(Integer::parseInt).toArray();
    }
}

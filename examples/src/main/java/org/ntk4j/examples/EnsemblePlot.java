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
 * PNG output; plus a CSV writer. A series has a colour (one of ten, the tab10 palette, by index),
 * solid or dashed line, and a marker (filled circle, open square, filled triangle); the legend shows
 * all three, so series can be told apart by colour, dash and marker.
 */
final class EnsemblePlot {
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    /** A series' point marker. */
    enum Marker { CIRCLE, SQUARE, TRIANGLE }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final List<String> names = new ArrayList<>();
    private final List<double[][]> series = new ArrayList<>();
    private final List<Boolean> dashed = new ArrayList<>();
    private final List<Integer> colours = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
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

    /** A series in the next colour of the palette, with filled circles. */
    EnsemblePlot add(String name, double[] x, double[] y, boolean dash) {
        return add(name, x, y, dash, series.size(), Marker.CIRCLE);
    }

    /** A series in palette colour {@code colour} (0–9, modulo 10), solid or dashed, with {@code marker}. */
    EnsemblePlot add(String name, double[] x, double[] y, boolean dash, int colour, Marker marker) {
        names.add(name);
        series.add(new double[][] {x.clone(), y.clone()});
        dashed.add(dash);
        colours.add(Math.floorMod(colour, COLORS.length));
        markers.add(marker);
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
        int right = 270;
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
        for (double xv : xTicks(x0, x1)) {
            int px = left + (int) Math.round(pw * (xv - x0) / (x1 - x0));
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
            g.setColor(COLORS[colours.get(k)]);
            g.setStroke(dashed.get(k) ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 5f}, 0f) : new BasicStroke(2f));
            int prevX = 0;
            int prevY = 0;
            for (int i = 0; i < s[0].length; i++) {
                int px = left + (int) Math.round(pw * (tx(s[0][i]) - x0) / (x1 - x0));
                int py = top + ph - (int) Math.round(ph * (ty(s[1][i]) - y0) / (y1 - y0));
                mark(g, markers.get(k), px, py);
                if (i > 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                prevX = px;
                prevY = py;
            }
            int ly = top + 15 + 20 * k;
            g.drawLine(left + pw + 12, ly - 4, left + pw + 42, ly - 4);
            g.setStroke(new BasicStroke(2f));
            mark(g, markers.get(k), left + pw + 27, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(names.get(k), left + pw + 45, ly);
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }

    private static void mark(Graphics2D g, Marker m, int x, int y) {
        switch (m) {
            case CIRCLE -> g.fillOval(x - 4, y - 4, 9, 9);
            case SQUARE -> {
                Color c = g.getColor();
                g.setColor(Color.WHITE);
                g.fillRect(x - 4, y - 4, 8, 8);
                g.setColor(c);
                g.drawRect(x - 4, y - 4, 8, 8);
            }
            case TRIANGLE -> g.fillPolygon(new int[] {x - 5, x + 5, x}, new int[] {y + 4, y + 4, y - 5}, 3);
            default -> throw new IllegalStateException("marker " + m);
        }
    }

    /**
     * Positions (axis units) of the x ticks: on a log axis the data's x values when there are at most
     * 12 of them (e.g. widths 64 … 2048), else the whole decades; on a linear axis 7 even ticks.
     */
    private double[] xTicks(double x0, double x1) {
        if (logX) {
            java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
            for (double[][] s : series) {
                for (double v : s[0]) {
                    xs.add(tx(v));
                }
            }
            if (xs.size() <= 12) {
                return xs.stream().mapToDouble(Double::doubleValue).toArray();
            }
            return java.util.stream.IntStream.rangeClosed((int) Math.ceil(x0), (int) Math.floor(x1))
                    .asDoubleStream().toArray();
        }
        double[] t = new double[7];
        for (int i = 0; i < t.length; i++) {
            t[i] = x0 + (x1 - x0) * i / (t.length - 1);
        }
        return t;
    }

    /** A tick label: on a log axis the value 10^v, as "1e-3" for whole decades and as "64" or "0.25" otherwise. */
    private static String label(double v, boolean log) {
        if (!log) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        long decade = Math.round(v);
        if (Math.abs(v - decade) < 1e-9) {
            return "1e" + decade;
        }
        double value = Math.pow(10, v);
        return Math.abs(value - Math.rint(value)) < 1e-6 * value ? Long.toString(Math.round(value))
                : String.format(Locale.ROOT, "%.3g", value);
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

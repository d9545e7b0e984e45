package org.ntk4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.ntk4j.core.io.Png;
import org.ntk4j.symmetry.Architecture;

/**
 * Renders a {@link Fig2Result} as a grouped bar chart like the paper's Fig. 2 (plain java.awt,
 * headless): one group of bars per data transform, one coloured bar per architecture, the test
 * accuracy in percent written above each bar, a black error bar for its 95 % Wilson interval over the
 * test images (and, with several draws of τ, a grey tick ± sd across draws), the y axis cut to the range
 * of the intervals (in steps of 5 %) with grid lines, the legend on the right.
 */
final class Fig2Chart {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 600;
    private static final int LEFT = 80;
    private static final int RIGHT = 130;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;
    private static final double STEP = 0.05;
    /** Colours of matplotlib's tab10, in architecture order. */
    private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};

    private Fig2Chart() {
    }

    static BufferedImage render(Fig2Result r) {
        BufferedImage img = Png.canvas(WIDTH, HEIGHT);
        Graphics2D g = Png.graphics(img);
        try {
            double[] range = range(r);
            drawTitle(g, r);
            drawAxis(g, range);
            drawBars(g, r, range);
            drawLegend(g, r.setup().architectures());
        } finally {
            g.dispose();
        }
        return img;
    }

    /** [low, high] of the y axis: the accuracies' range widened to multiples of 5 % in [0, 1]. */
    static double[] range(Fig2Result r) {
        double min = 1;
        double max = 0;
        for (Architecture a : r.setup().architectures()) {
            for (String t : r.setup().transforms()) {
                double[] ci = r.interval(a, t);
                min = Math.min(min, ci[0]);
                max = Math.max(max, ci[1]);
            }
        }
        double low = Math.max(0, Math.floor(min / STEP - 1e-9) * STEP - STEP);
        double high = Math.min(1, Math.ceil(max / STEP + 1e-9) * STEP);
        return new double[] {low, Math.max(high, low + STEP)};
    }

    private static int y(double accuracy, double[] range) {
        double f = (accuracy - range[0]) / (range[1] - range[0]);
        return (int) Math.round(HEIGHT - BOTTOM - f * (HEIGHT - BOTTOM - TOP));
    }

    private static void drawTitle(Graphics2D g, Fig2Result r) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        Png.centered(g, "NTK test accuracy per architecture and data transform (cf. Xiao & Pennington, Fig. 2)",
                WIDTH / 2, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        Png.centered(g, subtitle(r), WIDTH / 2, 50);
    }

    /** Data sizes and geometries, depth, draws. */
    static String subtitle(Fig2Result r) {
        List<Architecture> archs = r.setup().architectures();
        Fig2Data flat = archs.stream().filter(a -> !Fig2Experiment.pooled(a)).findFirst().map(r::data).orElse(null);
        Fig2Data pooled = archs.stream().filter(Fig2Experiment::pooled).findFirst().map(r::data).orElse(null);
        StringBuilder b = new StringBuilder("Fashion-MNIST ");
        if (flat != null) {
            b.append(String.format(Locale.ROOT, "%s %d/%d", flat.geometry(), flat.trainSize(), flat.testSize()));
        }
        if (pooled != null && pooled != flat) {
            b.append(String.format(Locale.ROOT, "%s%s %d/%d (GAP, LAP)", flat != null ? ", " : "", pooled.geometry(),
                    pooled.trainSize(), pooled.testSize()));
        }
        return b.append(String.format(Locale.ROOT, " train/test, depth %d, t = ∞, %d draw%s of τ; bars: 95 %% Wilson",
                r.setup().networks().depth(), r.setup().repeats(), r.setup().repeats() == 1 ? "" : "s")).toString();
    }

    private static void drawAxis(Graphics2D g, double[] range) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int steps = (int) Math.round((range[1] - range[0]) / STEP);
        for (int i = 0; i <= steps; i++) {
            double v = range[0] + i * STEP;
            int yy = y(v, range);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(LEFT, yy, WIDTH - RIGHT, yy);
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, "%.0f %%", 100 * v);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), yy + 5);
        }
        g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
        g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
        g.rotate(-Math.PI / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        Png.centered(g, "test accuracy", -(TOP + HEIGHT - BOTTOM) / 2, 22);
        g.rotate(Math.PI / 2);
    }

    private static void drawBars(Graphics2D g, Fig2Result r, double[] range) {
        List<Architecture> archs = r.setup().architectures();
        List<String> transforms = r.setup().transforms();
        int groupWidth = (WIDTH - LEFT - RIGHT) / transforms.size();
        int bar = Math.min(40, (groupWidth - 24) / archs.size());
        for (int t = 0; t < transforms.size(); t++) {
            int x0 = LEFT + t * groupWidth + (groupWidth - bar * archs.size()) / 2;
            for (int a = 0; a < archs.size(); a++) {
                double acc = r.accuracy(archs.get(a), transforms.get(t));
                int top = y(acc, range);
                int x = x0 + a * bar;
                g.setColor(COLOURS[a % COLOURS.length]);
                g.fillRect(x + 1, top, bar - 2, HEIGHT - BOTTOM - top);
                double[] ci = r.interval(archs.get(a), transforms.get(t));
                int hi = y(ci[1], range);
                int lo = y(ci[0], range);
                int cx = x + bar / 2;
                double sd = r.sd(archs.get(a), transforms.get(t));
                if (sd > 0) {
                    g.setColor(new Color(120, 120, 120));
                    g.setStroke(new BasicStroke(3));
                    g.drawLine(cx, y(acc + sd, range), cx, y(acc - sd, range));
                }
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(1.2f));
                g.drawLine(cx, hi, cx, lo);
                g.drawLine(cx - bar / 4, hi, cx + bar / 4, hi);
                g.drawLine(cx - bar / 4, lo, cx + bar / 4, lo);
                g.setStroke(new BasicStroke(1));
                g.setColor(Color.DARK_GRAY);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, bar >= 34 ? 12 : 10));
                Png.centered(g, String.format(Locale.ROOT, "%.1f", 100 * acc), cx, hi - 4);
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            Png.centered(g, transforms.get(t).replace("xI_d", "⊗I_d"), LEFT + t * groupWidth + groupWidth / 2,
                    HEIGHT - BOTTOM + 24);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        Png.centered(g, "data transform (random group elements τ, each applied to train and test alike)", (LEFT + WIDTH - RIGHT) / 2,
                HEIGHT - 18);
    }

    private static void drawLegend(Graphics2D g, List<Architecture> archs) {
        int x = WIDTH - RIGHT + 24;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        for (int a = 0; a < archs.size(); a++) {
            int yy = TOP + 10 + a * 26;
            g.setColor(COLOURS[a % COLOURS.length]);
            g.fillRect(x, yy, 18, 18);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1));
            g.drawString(archs.get(a).name(), x + 26, yy + 14);
        }
    }
}

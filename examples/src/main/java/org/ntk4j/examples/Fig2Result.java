package org.ntk4j.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ntk4j.core.io.Png;
import org.ntk4j.symmetry.Architecture;
import org.ntk4j.symmetry.Groups;

/**
 * Test accuracies of a {@link Fig2Experiment}: one cell per (architecture, transform), with the
 * seconds each cell took (both Grams and the solve). Renders as a text table, CSV, Markdown and a
 * grouped bar chart ({@link Fig2Chart}).
 */
public final class Fig2Result {
    private final Fig2Experiment setup;
    private final int train;
    private final int test;
    private final double[][] accuracy;
    private final double[][] seconds;

    /** Rows follow {@code setup.architectures()}, columns {@code setup.transforms()}. */
    public Fig2Result(Fig2Experiment setup, int train, int test, double[][] accuracy, double[][] seconds) {
        this.setup = setup;
        this.train = train;
        this.test = test;
        this.accuracy = copy(accuracy);
        this.seconds = copy(seconds);
    }

    private static double[][] copy(double[][] m) {
        return Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
    }

    /** The experiment that produced this result. */
    public Fig2Experiment setup() {
        return setup;
    }

    /** Number of training images. */
    public int train() {
        return train;
    }

    /** Number of test images. */
    public int test() {
        return test;
    }

    /** The test accuracy of {@code arch} on data transformed by {@code transform}. */
    public double accuracy(Architecture arch, String transform) {
        return accuracy[row(arch)][column(transform)];
    }

    /** Seconds the cell took. */
    public double seconds(Architecture arch, String transform) {
        return seconds[row(arch)][column(transform)];
    }

    private int row(Architecture arch) {
        int i = setup.architectures().indexOf(arch);
        if (i < 0) {
            throw new IllegalArgumentException("no row " + arch + "; rows are " + setup.architectures());
        }
        return i;
    }

    private int column(String transform) {
        int j = setup.transforms().indexOf(transform);
        if (j < 0) {
            throw new IllegalArgumentException("no column " + transform + "; columns are " + setup.transforms());
        }
        return j;
    }

    /** One line saying what was run: data sizes, depth, σ's, λ, seed. */
    public String description() {
        var n = setup.networks();
        return String.format(Locale.ROOT, "NTK regression at t = ∞ on Fashion-MNIST (14×14×4), %d train / %d test, "
                + "%d hidden layers, ReLU, σw² = %s, σb² = %s, %d×%d CIRCULAR filters, LAP window %d, diagReg %s, "
                + "seed %d", train, test, n.depth(), n.wVar(), n.bVar(), n.filter(), n.filter(), n.pool(),
                setup.diagReg(), setup.seed());
    }

    /** A fixed-width text table of accuracies in percent, architectures as rows. */
    public String table() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-5s", "arch"));
        setup.transforms().forEach(t -> b.append(String.format(Locale.ROOT, "%10s", t)));
        b.append(String.format(Locale.ROOT, "%10s%n", "seconds"));
        for (Architecture a : setup.architectures()) {
            b.append(String.format(Locale.ROOT, "%-5s", a));
            double total = 0;
            for (String t : setup.transforms()) {
                b.append(String.format(Locale.ROOT, "%9.1f%%", 100 * accuracy(a, t)));
                total += seconds(a, t);
            }
            b.append(String.format(Locale.ROOT, "%10.1f%n", total));
        }
        return b.toString();
    }

    /** The table as Markdown, accuracies in percent. */
    public String markdown() {
        StringBuilder b = new StringBuilder("| architecture | " + String.join(" | ", setup.transforms()) + " |\n");
        b.append("| --- |").append(" ---: |".repeat(setup.transforms().size())).append('\n');
        for (Architecture a : setup.architectures()) {
            b.append("| ").append(a).append(" |");
            setup.transforms().forEach(t -> b.append(String.format(Locale.ROOT, " %.1f %% |", 100 * accuracy(a, t))));
            b.append('\n');
        }
        return b.toString();
    }

    /** {@code architecture,transform,accuracy,seconds,train,test,depth,diag_reg,seed}, one row a cell. */
    public String csv() {
        StringBuilder b = new StringBuilder("architecture,transform,accuracy,seconds,train,test,depth,diag_reg,seed\n");
        for (Architecture a : setup.architectures()) {
            for (String t : setup.transforms()) {
                b.append(String.format(Locale.ROOT, "%s,%s,%.6f,%.3f,%d,%d,%d,%g,%d%n", a, t, accuracy(a, t),
                        seconds(a, t), train, test, setup.networks().depth(), setup.diagReg(), setup.seed()));
            }
        }
        return b.toString();
    }

    /**
     * The cells where Theorem 4.1 predicts the kernel, hence the prediction, to be invariant under
     * the transform, but whose accuracy differs from the untransformed one by more than
     * {@code tolerance}; empty when all agree or when the "identity" column is absent.
     */
    public List<String> theoremViolations(double tolerance) {
        List<String> bad = new ArrayList<>();
        if (!setup.transforms().contains("identity")) {
            return bad;
        }
        for (Architecture a : setup.architectures()) {
            double base = accuracy(a, "identity");
            for (String t : setup.transforms()) {
                double acc = accuracy(a, t);
                if (setup.networks().predictsInvariance(a, Groups.byName(t)) && Math.abs(acc - base) > tolerance) {
                    bad.add(String.format(Locale.ROOT, "%s under %s: %.2f %% but %.2f %% untransformed", a, t,
                            100 * acc, 100 * base));
                }
            }
        }
        return bad;
    }

    /**
     * Writes {@code fig2.csv}, {@code fig2.md} (description and table) and {@code fig2.png} (bar
     * chart) into {@code dir}, creating it; returns the three paths.
     */
    public List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path csv = dir.resolve("fig2.csv");
        Path md = dir.resolve("fig2.md");
        Path png = dir.resolve("fig2.png");
        Files.writeString(csv, csv(), StandardCharsets.UTF_8);
        Files.writeString(md, description() + "\n\n" + markdown(), StandardCharsets.UTF_8);
        Png.write(Fig2Chart.render(this), png);
        return List.of(csv, md, png);
    }
}

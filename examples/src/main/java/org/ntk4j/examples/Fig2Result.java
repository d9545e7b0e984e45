package org.ntk4j.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ntk4j.core.io.Png;
import org.ntk4j.core.Precision;
import org.ntk4j.symmetry.Architecture;
import org.ntk4j.symmetry.Groups;

/**
 * The outcome of a {@link Fig2Experiment}: per (architecture, transform) cell and draw of τ, which
 * test images NTK regression classifies correctly; the seconds each cell took; whether it reused
 * the untransformed Grams (and the largest relative deviation its spot check found). From these:
 * accuracies (mean over draws) with the sample sd across draws and a 95 % Wilson interval over
 * the test images, and paired tests on the same test images ({@link Comparison}). Renders as a
 * text table, CSV, Markdown, a claims summary in words and a grouped bar chart with error bars
 * ({@link Fig2Chart}).
 */
public final class Fig2Result {
    /** Significance level of the claims summary. */
    public static final double ALPHA = 0.05;
    /** Sign flips of the paired test when scores are averaged over several draws. */
    static final int SIGN_FLIPS = 20_000;

    private final Fig2Experiment setup;
    private final Fig2Data flat;
    private final Fig2Data pooled;
    private final boolean[][][][] correct;
    private final double[][] seconds;
    private final boolean[][] reused;
    private final double[][] spot;

    /**
     * Rows follow {@code setup.architectures()}, columns {@code setup.transforms()}; {@code correct[a][t][r][i]}
     * says whether draw r of cell (a, t) classifies test image i correctly.
     */
    Fig2Result(Fig2Experiment setup, Fig2Data flat, Fig2Data pooled, boolean[][][][] correct, double[][] seconds,
            boolean[][] reused, double[][] spot) {
        this.setup = setup;
        this.flat = flat;
        this.pooled = pooled;
        this.correct = correct;
        this.seconds = seconds;
        this.reused = reused;
        this.spot = spot;
    }

    /** The experiment that produced this result. */
    public Fig2Experiment setup() {
        return setup;
    }

    /** Number of training images of FCN, LCN and VEC. */
    public int train() {
        return flat.trainSize();
    }

    /** Number of test images of FCN, LCN and VEC. */
    public int test() {
        return flat.testSize();
    }

    /** The data {@code arch} ran on. */
    public Fig2Data data(Architecture arch) {
        return Fig2Experiment.pooled(arch) ? pooled : flat;
    }

    /** The mean test accuracy over the draws of τ of {@code arch} on data transformed by {@code transform}. */
    public double accuracy(Architecture arch, String transform) {
        return Stats.mean(draws(arch, transform));
    }

    /** The test accuracy of each draw of τ. */
    public double[] draws(Architecture arch, String transform) {
        boolean[][] c = correct[row(arch)][column(transform)];
        double[] acc = new double[c.length];
        for (int r = 0; r < c.length; r++) {
            int hits = 0;
            for (boolean b : c[r]) {
                hits += b ? 1 : 0;
            }
            acc[r] = (double) hits / c[r].length;
        }
        return acc;
    }

    /** The sample standard deviation of the accuracy across draws of τ (0 for one draw). */
    public double sd(Architecture arch, String transform) {
        return Stats.sd(draws(arch, transform));
    }

    /** The 95 % Wilson interval of the mean accuracy over the cell's test images. */
    public double[] interval(Architecture arch, String transform) {
        int m = data(arch).testSize();
        return Stats.wilson(accuracy(arch, transform) * m, m, Stats.Z95);
    }

    /** Per test image, the fraction of draws that classify it correctly. */
    public double[] scores(Architecture arch, String transform) {
        boolean[][] c = correct[row(arch)][column(transform)];
        double[] s = new double[c[0].length];
        for (boolean[] draw : c) {
            for (int i = 0; i < s.length; i++) {
                s[i] += draw[i] ? 1.0 / c.length : 0;
            }
        }
        return s;
    }

    /** Whether the cell reused the untransformed Grams (Theorem 4.1), after a passing spot check. */
    public boolean reused(Architecture arch, String transform) {
        return reused[row(arch)][column(transform)];
    }

    /** Seconds the cell took (all draws). */
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

    /**
     * A paired comparison of cell A with cell B on the same test images: {@code delta} = accuracy A −
     * accuracy B, {@code onlyA} / {@code onlyB} the images (summed over draws, divided by the draws)
     * only A / only B gets right, {@code p} two-sided (exact McNemar for single draws, else a paired
     * sign-flip test), and the paper's claim: A above B ({@code claim} true) or no directional claim.
     */
    public record Comparison(Architecture archA, String transformA, Architecture archB, String transformB,
            double delta, double onlyA, double onlyB, double p, boolean claim) {
        /** "resolved", "contradicted" (significant, opposite sign) or "not resolved" at {@link #ALPHA}; "—" without claim. */
        public String verdict() {
            if (!claim) {
                return p < ALPHA ? "differs" : "no difference detected";
            }
            if (p >= ALPHA) {
                return "not resolved";
            }
            return delta > 0 ? "resolved" : "contradicted";
        }

        /** E.g. {@code LCN identity > LCN P(Cd)} or {@code VEC vs FCN under O(Cd)}. */
        public String label() {
            String a = archA == archB ? archA + " " + transformA : archA.toString();
            String b = archA == archB ? archB + " " + transformB : archB.toString();
            String on = archA == archB ? "" : " on " + transformA;
            return a + (claim ? " > " : " vs ") + b + on;
        }
    }

    /**
     * The paper's comparisons, each on the same test images: within every architecture, each
     * transform against identity (a claimed drop unless Theorem 4.1 proves the cell equal, in which
     * case there is nothing to test and no row); and on every transform, architecture against
     * architecture where both ran on the same data (claimed on identity: FCN below every other
     * architecture, LCN and VEC below GAP and LAP).
     */
    public List<Comparison> comparisons() {
        List<Comparison> out = new ArrayList<>();
        List<Architecture> archs = setup.architectures();
        List<String> ts = setup.transforms();
        if (ts.contains("identity")) {
            for (Architecture a : archs) {
                for (String t : ts) {
                    if (!t.equals("identity") && !setup.networks().predictsInvariance(a, Groups.byName(t))) {
                        out.add(compare(a, "identity", a, t, true));
                    }
                }
            }
        }
        for (String t : ts) {
            for (int i = 0; i < archs.size(); i++) {
                for (int j = 0; j < archs.size(); j++) {
                    Architecture lo = archs.get(i);
                    Architecture hi = archs.get(j);
                    if (lo.ordinal() >= hi.ordinal() || data(lo) != data(hi)) {
                        continue;
                    }
                    boolean claim = t.equals("identity") && (lo == Architecture.FCN
                            || Fig2Experiment.pooled(hi) && !Fig2Experiment.pooled(lo));
                    out.add(compare(hi, t, lo, t, claim));
                }
            }
        }
        return out;
    }

    private Comparison compare(Architecture a, String ta, Architecture b, String tb, boolean claim) {
        double[] sa = scores(a, ta);
        double[] sb = scores(b, tb);
        double[] d = new double[sa.length];
        double onlyA = 0;
        double onlyB = 0;
        boolean[][] ca = correct[row(a)][column(ta)];
        boolean[][] cb = correct[row(b)][column(tb)];
        int draws = Math.max(ca.length, cb.length);
        for (int r = 0; r < draws; r++) {
            boolean[] x = ca[Math.min(r, ca.length - 1)];
            boolean[] y = cb[Math.min(r, cb.length - 1)];
            for (int i = 0; i < x.length; i++) {
                onlyA += x[i] && !y[i] ? 1.0 / draws : 0;
                onlyB += y[i] && !x[i] ? 1.0 / draws : 0;
            }
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = sa[i] - sb[i];
        }
        long testSeed = setup.seed() * 31 + (a.ordinal() * 7L + b.ordinal()) * 1009 + ta.hashCode() * 17L + tb.hashCode();
        return new Comparison(a, ta, b, tb, Stats.mean(d), onlyA, onlyB, Stats.pairedSignFlip(d, SIGN_FLIPS, testSeed),
                claim);
    }

    /** The data sizes, geometries, depth, σ's, λ, draws, precision and seed, on one or two lines. */
    public String description() {
        var n = setup.networks();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "NTK regression at t = ∞ on Fashion-MNIST, "
                + "%d hidden layers, ReLU, σw² = %s, σb² = %s, %d×%d CIRCULAR filters, LAP window %d, diagReg %s, "
                + "seed %d, %d draw%s of τ per transform", n.depth(), n.wVar(), n.bVar(), n.filter(), n.filter(),
                n.pool(), setup.diagReg(), setup.seed(), setup.repeats(), setup.repeats() == 1 ? "" : "s"));
        List<Architecture> flatArchs = setup.architectures().stream().filter(a -> !Fig2Experiment.pooled(a)).toList();
        List<Architecture> pooledArchs = setup.pooledArchitectures();
        if (!flatArchs.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%n%s: %s, %d train / %d test, float64", names(flatArchs),
                    flat.geometry(), flat.trainSize(), flat.testSize()));
        }
        if (!pooledArchs.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%n%s: %s, %d train / %d test, %s", names(pooledArchs),
                    pooled.geometry(), pooled.trainSize(), pooled.testSize(),
                    setup.pooledPrecision() == Precision.FLOAT64 ? "float64" : "float32"));
        }
        return b.toString();
    }

    private static String names(List<Architecture> archs) {
        return String.join(", ", archs.stream().map(Architecture::name).toList());
    }

    /** E.g. {@code 83.3±0.4 [81.0,85.5]=}: mean %, sd across draws when several, Wilson 95 %, {@code =} when reused. */
    private String cell(Architecture a, String t) {
        double[] ci = interval(a, t);
        String sd = setup.repeats() > 1 ? String.format(Locale.ROOT, "±%.1f", 100 * sd(a, t)) : "";
        return String.format(Locale.ROOT, "%.1f%s [%.1f,%.1f]%s", 100 * accuracy(a, t), sd, 100 * ci[0], 100 * ci[1],
                reused(a, t) ? "=" : "");
    }

    /**
     * A fixed-width text table, architectures as rows: accuracy in percent (± sd across draws when
     * there are several), its 95 % Wilson interval, {@code =} on cells that reused the untransformed
     * Grams; the last column is the row's seconds.
     */
    public String table() {
        int width = setup.repeats() > 1 ? 25 : 20;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-5s", "arch"));
        setup.transforms().forEach(t -> b.append(String.format(Locale.ROOT, "%" + width + "s", t)));
        b.append(String.format(Locale.ROOT, "%10s%n", "seconds"));
        for (Architecture a : setup.architectures()) {
            b.append(String.format(Locale.ROOT, "%-5s", a));
            double total = 0;
            for (String t : setup.transforms()) {
                b.append(String.format(Locale.ROOT, "%" + width + "s", cell(a, t)));
                total += seconds(a, t);
            }
            b.append(String.format(Locale.ROOT, "%10.1f%n", total));
        }
        return b.toString();
    }

    /** The table as Markdown (accuracy %, ± sd across draws, 95 % interval; = reused), then the comparisons. */
    public String markdown() {
        StringBuilder b = new StringBuilder("| architecture | " + String.join(" | ", setup.transforms()) + " |\n");
        b.append("| --- |").append(" ---: |".repeat(setup.transforms().size())).append('\n');
        for (Architecture a : setup.architectures()) {
            b.append("| ").append(a).append(" |");
            for (String t : setup.transforms()) {
                double[] ci = interval(a, t);
                String sd = setup.repeats() > 1 ? String.format(Locale.ROOT, " ± %.1f", 100 * sd(a, t)) : "";
                b.append(String.format(Locale.ROOT, " %.1f %%%s (%.1f–%.1f)%s |", 100 * accuracy(a, t), sd,
                        100 * ci[0], 100 * ci[1], reused(a, t) ? " =" : ""));
            }
            b.append('\n');
        }
        b.append("\nCells: mean test accuracy").append(setup.repeats() > 1 ? " ± sd across draws of τ" : "")
                .append(", (95 % Wilson interval over the test images); = the cell reused the untransformed Grams "
                        + "(Theorem 4.1), spot-checked.\n\n");
        b.append("| comparison | Δ accuracy | only A right | only B right | p | verdict |\n");
        b.append("| --- | ---: | ---: | ---: | ---: | --- |\n");
        for (Comparison c : comparisons()) {
            b.append(String.format(Locale.ROOT, "| %s | %+.1f %% | %s | %s | %s | %s |%n", c.label(), 100 * c.delta(),
                    count(c.onlyA()), count(c.onlyB()), pValue(c.p()), c.verdict()));
        }
        b.append("\nComparisons are paired on the same test images: exact McNemar for single draws, a paired "
                + "sign-flip test (").append(SIGN_FLIPS).append(" flips) on repeat-averaged scores otherwise; A is the "
                + "left-hand cell. \"resolved\": p < ").append(ALPHA).append(" in the paper's direction.\n");
        return b.toString();
    }

    private static String count(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? String.format(Locale.ROOT, "%d", Math.round(v))
                : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String pValue(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    /** The paper's claims in words: which this run resolves at {@link #ALPHA}, which not, which it contradicts. */
    public String claims() {
        List<String> resolved = new ArrayList<>();
        List<String> open = new ArrayList<>();
        List<String> against = new ArrayList<>();
        for (Comparison c : comparisons()) {
            if (!c.claim()) {
                continue;
            }
            String s = String.format(Locale.ROOT, "%s (%+.1f %%, p = %s)", c.label(), 100 * c.delta(), pValue(c.p()));
            switch (c.verdict()) {
                case "resolved" -> resolved.add(s);
                case "contradicted" -> against.add(s);
                default -> open.add(s);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Claims of the paper at this scale (paired tests, α = %s):%n", ALPHA));
        list(b, "resolved", resolved);
        list(b, "not resolved (the difference is within the noise at this scale)", open);
        if (!against.isEmpty()) {
            list(b, "contradicted (significant, opposite sign)", against);
        }
        long exact = 0;
        for (Architecture a : setup.architectures()) {
            for (String t : setup.transforms()) {
                exact += reused(a, t) ? 1 : 0;
            }
        }
        b.append(String.format(Locale.ROOT, "  exact (Theorem 4.1): %d cells equal their architecture's "
                + "untransformed cell; each was spot-checked against a recomputed kernel.", exact));
        return b.toString();
    }

    private static void list(StringBuilder b, String heading, List<String> items) {
        b.append("  ").append(heading).append(": ").append(items.isEmpty() ? "none" : "").append('\n');
        items.forEach(s -> b.append("    ").append(s).append('\n'));
    }

    /**
     * {@code architecture,transform,accuracy,ci_low,ci_high,sd,draws,reused,spot_max_rel,p_vs_identity,
     * seconds,train,test,geometry,depth,diag_reg,seed}, one row a cell ({@code p_vs_identity} empty
     * where the cell is identity or proven equal to it).
     */
    public String csv() {
        StringBuilder b = new StringBuilder("architecture,transform,accuracy,ci_low,ci_high,sd,draws,reused,"
                + "spot_max_rel,p_vs_identity,seconds,train,test,geometry,depth,diag_reg,seed\n");
        List<Comparison> comps = comparisons();
        for (Architecture a : setup.architectures()) {
            for (String t : setup.transforms()) {
                double[] ci = interval(a, t);
                String p = comps.stream().filter(c -> c.archA() == a && c.archB() == a && c.transformB().equals(t))
                        .map(c -> String.format(Locale.ROOT, "%.6g", c.p())).findFirst().orElse("");
                b.append(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6f,%.6f,%d,%b,%.3g,%s,%.3f,%d,%d,%s,%d,%g,%d%n",
                        a, t, accuracy(a, t), ci[0], ci[1], sd(a, t), setup.repeats(), reused(a, t),
                        spot[row(a)][column(t)], p, seconds(a, t), data(a).trainSize(), data(a).testSize(),
                        data(a).geometry(), setup.networks().depth(), setup.diagReg(), setup.seed()));
            }
        }
        return b.toString();
    }

    /** {@code a,transform_a,b,transform_b,delta,only_a,only_b,p,claim,verdict}, one row a comparison. */
    public String comparisonsCsv() {
        StringBuilder b = new StringBuilder("a,transform_a,b,transform_b,delta,only_a,only_b,p,claim,verdict\n");
        for (Comparison c : comparisons()) {
            b.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.6f,%s,%s,%.6g,%b,%s%n", c.archA(), c.transformA(),
                    c.archB(), c.transformB(), c.delta(), count(c.onlyA()), count(c.onlyB()), c.p(), c.claim(),
                    c.verdict()));
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
     * Writes {@code fig2.csv}, {@code fig2.md} (description, table, comparisons, claims),
     * {@code fig2.png} (bar chart with error bars) and {@code fig2-comparisons.csv} into {@code dir},
     * creating it; returns the four paths.
     */
    public List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path csv = dir.resolve("fig2.csv");
        Path md = dir.resolve("fig2.md");
        Path png = dir.resolve("fig2.png");
        Path comps = dir.resolve("fig2-comparisons.csv");
        Files.writeString(csv, csv(), StandardCharsets.UTF_8);
        Files.writeString(md, description().replace("\n", "  \n") + "\n\n" + markdown() + "\n```\n" + claims()
                + "\n```\n", StandardCharsets.UTF_8);
        Png.write(Fig2Chart.render(this), png);
        Files.writeString(comps, comparisonsCsv(), StandardCharsets.UTF_8);
        return List.of(csv, md, png, comps);
    }
}

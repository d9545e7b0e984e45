package org.ntk4j.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.Precision;
import org.ntk4j.core.TextProgress;
import org.ntk4j.core.io.FashionMnist;
import org.ntk4j.core.io.TrainTest;
import org.ntk4j.core.predict.Classification;
import org.ntk4j.core.predict.Predictor;
import org.ntk4j.core.predict.Regime;
import org.ntk4j.symmetry.Architecture;
import org.ntk4j.symmetry.PaperNetworks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Learning curves of the Fig. 2 architectures (the paper's Fig. S6): NTK regression's test error
 * (1 − accuracy) and test MSE against the training-set size N, log–log, for every (architecture,
 * transform). One train-train Gram at the largest N and one test-train Gram per cell serve every
 * N (the first N training images, nested). Writes {@code curves.csv}, {@code error.png} and
 * {@code mse.png}, and prints per cell the log–log slope of the error over the last sizes; at every
 * N, exact McNemar tests pair each transform with the first within an architecture, and
 * architectures run on the same test images with each other ({@code curves-comparisons.csv}).
 * {@code --profile paper --checkpoint DIR} reads the Grams of {@code Fig2 --profile paper} back from
 * that run's checkpoints instead of recomputing them.
 * Run with {@code bin/ntk4j-example Fig2LearningCurves [OPTIONS]}; see {@code docs/fig2.md}.
 */
@Command(name = "Fig2LearningCurves", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Test error and MSE of NTK regression against training-set size (Fig. S6), log-log.")
public final class Fig2LearningCurves implements Callable<Integer> {
    /** The sizes of a run: {@code default} (minutes) and {@code paper}, the sizes of {@code Fig2 --profile paper}. */
    public enum Profile {
        /** FCN, LCN, VEC at N = 50 … 1,600 on 1,000 test images at 14×14×4; GAP, LAP at 25 … 200 on 200 at 7×7×16. */
        DEFAULT(List.of(50, 100, 200, 400, 800, 1600), 1000, 2, List.of(25, 50, 100, 200), 200, 4),
        /**
         * The images of {@code Fig2 --profile paper}: FCN, LCN, VEC at N = 50 … 3,000 on 2,000 test
         * images, GAP, LAP at 25 … 200 on 200, all at 14×14×4; with {@code --checkpoint} pointing at
         * that run's checkpoints, every Gram it built is read back instead of recomputed.
         */
        PAPER(List.of(50, 100, 200, 400, 800, 1600, 3000), 2000, 2, List.of(25, 50, 100, 200), 200, 2);

        final List<Integer> sizes;
        final int test;
        final int block;
        final List<Integer> pooledSizes;
        final int pooledTest;
        final int pooledBlock;

        Profile(List<Integer> sizes, int test, int block, List<Integer> pooledSizes, int pooledTest, int pooledBlock) {
            this.sizes = sizes;
            this.test = test;
            this.block = block;
            this.pooledSizes = pooledSizes;
            this.pooledTest = pooledTest;
            this.pooledBlock = pooledBlock;
        }
    }

    @Option(names = "--profile", description = "default or paper (the images of Fig2 --profile paper); the options "
            + "below override it (default: ${DEFAULT-VALUE})")
    Profile profile = Profile.DEFAULT;

    @Option(names = "--sizes", split = ",", description = "training sizes of FCN, LCN, VEC (default: the profile's)")
    List<Integer> sizes;

    @Option(names = "--test", description = "test images of FCN, LCN, VEC (default: the profile's)")
    Integer test;

    @Option(names = "--pooled-sizes", split = ",", description = "training sizes of GAP, LAP (default: the profile's)")
    List<Integer> pooledSizes;

    @Option(names = "--pooled-test", description = "test images of GAP, LAP (default: the profile's)")
    Integer pooledTest;

    @Option(names = "--block", description = "space-to-depth block of FCN, LCN, VEC (default: the profile's)")
    Integer block;

    @Option(names = "--pooled-block", description = "space-to-depth block of GAP, LAP (default: the profile's)")
    Integer pooledBlock;

    @Option(names = "--checkpoint", description = "keep every Gram build's tiles here, named as Fig2 names them, so "
            + "that a rerun resumes and the Grams of a checkpointed Fig2 run on the same images are read back "
            + "(default: none)")
    Path checkpoint;

    @Option(names = "--precision", description = "precision of the pooled builds, float32 or float64 "
            + "(default ${DEFAULT-VALUE}, as Fig2)")
    String precision = "float32";

    @Option(names = "--arch", split = ",", description = "architectures (default: all)")
    List<Architecture> architectures = List.of(Architecture.values());

    @Option(names = "--transforms", split = ",", description = "group names (default: ${DEFAULT-VALUE})")
    List<String> transforms = List.of("identity", "O(Cd)");

    @Option(names = "--depth", description = "hidden layers (default ${DEFAULT-VALUE})")
    int depth = Fig2.DEFAULT_DEPTH;

    @Option(names = "--threads", description = "Gram worker threads (default: all cores, ${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--diag-reg", description = "relative diagonal regularisation λ (default ${DEFAULT-VALUE})")
    double diagReg = 1e-4;

    @Option(names = "--seed", description = "seed of the group elements (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--data", description = "Fashion-MNIST directory (default: installed, else shipped subset)")
    Path data;

    @Option(names = "--out", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out = Path.of("fig2-curves");

    private final PrintStream stdout;

    Fig2LearningCurves(PrintStream stdout) {
        this.stdout = stdout;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Parses {@code args}, runs, and returns the exit code (2 for bad options or input). */
    static int run(String[] args, PrintStream stdout) {
        return new CommandLine(new Fig2LearningCurves(stdout)).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
                        cmd.getErr().println("Fig2LearningCurves: error: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                }).execute(args);
    }

    /** One point of a curve; {@code correct}: per test image, whether it was classified correctly (may be null). */
    record Point(Architecture arch, String transform, int n, double accuracy, double low, double high, double mse,
            boolean[] correct) {
        Point(Architecture arch, String transform, int n, double accuracy, double low, double high, double mse) {
            this(arch, transform, n, accuracy, low, high, mse, null);
        }
    }

    /**
     * Two points at the same N on the same test images, compared by the exact McNemar test: {@code onlyA}
     * images only {@code a} classified correctly, {@code onlyB} only {@code b}.
     */
    record Comparison(Point a, Point b, int onlyA, int onlyB, double p) {
        static Comparison of(Point a, Point b) {
            if (a.correct().length != b.correct().length || a.n() != b.n()) {
                throw new IllegalArgumentException("not paired: " + a.arch() + " " + a.transform() + " N=" + a.n()
                        + " and " + b.arch() + " " + b.transform() + " N=" + b.n());
            }
            int onlyA = 0, onlyB = 0;
            for (int i = 0; i < a.correct().length; i++) {
                if (a.correct()[i] && !b.correct()[i]) {
                    onlyA++;
                } else if (b.correct()[i] && !a.correct()[i]) {
                    onlyB++;
                }
            }
            return new Comparison(a, b, onlyA, onlyB, Stats.mcnemarExact(onlyA, onlyB));
        }

        String label() {
            return a.transform().equals(b.transform()) ? a.arch() + " vs " + b.arch() + " on " + a.transform()
                    : a.arch() + " " + a.transform() + " vs " + b.transform();
        }
    }

    /**
     * The paired comparisons the curves allow: at every N, every transform against the first within an
     * architecture, and every two architectures run on the same test images under the same transform.
     */
    static List<Comparison> comparisons(List<Point> points, List<Architecture> architectures, List<String> transforms,
            java.util.function.Predicate<Architecture[]> sameImages) {
        List<Comparison> out = new ArrayList<>();
        for (Point p : points) {
            int ai = architectures.indexOf(p.arch()), ti = transforms.indexOf(p.transform());
            for (Point q : points) {
                if (q.n() != p.n() || q == p) {
                    continue;
                }
                boolean transformPair = q.arch() == p.arch() && ti == 0 && transforms.indexOf(q.transform()) > 0;
                boolean archPair = q.transform().equals(p.transform()) && architectures.indexOf(q.arch()) > ai
                        && sameImages.test(new Architecture[] {p.arch(), q.arch()});
                if (transformPair || archPair) {
                    out.add(Comparison.of(p, q));
                }
            }
        }
        return out;
    }

    @Override
    public Integer call() throws Exception {
        List<Integer> sizes = this.sizes != null ? this.sizes : profile.sizes;
        List<Integer> pooledSizes = this.pooledSizes != null ? this.pooledSizes : profile.pooledSizes;
        for (List<Integer> s : List.of(sizes, pooledSizes)) {
            if (s.isEmpty() || s.stream().anyMatch(v -> v < 1)) {
                throw new IllegalArgumentException("sizes must be positive, got " + s);
            }
        }
        int test = Fig2.value(this.test, profile.test, "--test");
        int pooledTest = Fig2.value(this.pooledTest, profile.pooledTest, "--pooled-test");
        int block = Fig2.value(this.block, profile.block, "--block");
        int pooledBlock = Fig2.value(this.pooledBlock, profile.pooledBlock, "--pooled-block");
        Precision pooledPrecision = Fig2.pooledPrecision(precision);
        Ntk4j.init();
        TrainTest raw = data == null ? FashionMnist.load() : FashionMnist.load(data);
        int maxN = sizes.stream().max(Integer::compare).orElseThrow();
        int maxPooled = pooledSizes.stream().max(Integer::compare).orElseThrow();
        Fig2Data flat = Fig2Data.prepare(raw, maxN, test, block);
        Fig2Data pooled = maxPooled == maxN && pooledTest == test && pooledBlock == block ? flat
                : Fig2Data.prepare(raw, maxPooled, pooledTest, pooledBlock);
        Fig2Experiment e = new Fig2Experiment(PaperNetworks.paper().withDepth(depth), architectures, transforms, threads,
                diagReg, seed, false).withPooledPrecision(pooledPrecision).withCheckpoint(checkpoint);
        RunProgress bar = new RunProgress("curves");
        for (Architecture a : architectures) {
            Fig2Data d = Fig2Experiment.pooled(a) ? pooled : flat;
            for (int t = 0; t < transforms.size(); t++) {
                bar.add(a.name(), 1e-4, d.trainSize(), d.trainSize(), true).add(a.name(), 1e-4, d.testSize(),
                        d.trainSize(), false);
            }
        }
        long start = System.nanoTime();
        List<Point> points = new ArrayList<>();
        for (Architecture a : architectures) {
            boolean isPooled = Fig2Experiment.pooled(a);
            Fig2Data d = isPooled ? pooled : flat;
            KernelFunction net = e.network(a);
            for (String t : transforms) {
                Fig2Data x = e.transform(d, t, 0);
                Kernel[] k = e.kernels(net, x, bar, a, Fig2Experiment.buildLabel(t, 0));
                INDArray targets = Classification.oneHot(x.testLabels(), Fig2Data.CLASSES);
                for (int n : isPooled ? pooledSizes : sizes) {
                    Kernel tt = new Kernel(sub(k[0].nngp(), n, n), sub(k[0].ntk(), n, n));
                    Kernel st = new Kernel(sub(k[1].nngp(), x.testSize(), n), sub(k[1].ntk(), x.testSize(), n));
                    INDArray y = x.yTrain().get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
                    INDArray mean = Predictor.of(tt, y).diagReg(diagReg).on(Regime.NTK, st)
                            .mean(Double.POSITIVE_INFINITY);
                    boolean[] right = Fig2Experiment.correct(mean, x.testLabels());
                    int hits = 0;
                    for (boolean r : right) {
                        hits += r ? 1 : 0;
                    }
                    double acc = (double) hits / right.length;
                    double[] ci = Stats.wilson(hits, right.length, Stats.Z95);
                    points.add(new Point(a, t, n, acc, ci[0], ci[1], Classification.mse(mean, targets), right));
                }
            }
        }
        bar.finished();
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder("architecture,transform,n,accuracy,ci_low,ci_high,mse,test,geometry\n");
        for (Point p : points) {
            Fig2Data d = Fig2Experiment.pooled(p.arch()) ? pooled : flat;
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.6f,%.6f,%.6f,%.6f,%d,%s%n", p.arch(), p.transform(), p.n(),
                    p.accuracy(), p.low(), p.high(), p.mse(), d.testSize(), d.geometry()));
        }
        Files.writeString(out.resolve("curves.csv"), csv, StandardCharsets.UTF_8);
        plot(points, true, "test error 1 − accuracy", "Learning curves (Fig. S6): NTK test error")
                .write(out.resolve("error.png"));
        plot(points, false, "test MSE", "Learning curves (Fig. S6): NTK test MSE").write(out.resolve("mse.png"));
        stdout.println(String.format(Locale.ROOT, "%-4s %-9s %s", "arch", "transform",
                "N: accuracy % [95 % Wilson] / MSE, then the log-log slope of the error over the last three sizes"));
        for (Architecture a : architectures) {
            for (String t : transforms) {
                List<Point> curve = points.stream().filter(p -> p.arch() == a && p.transform().equals(t)).toList();
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-4s %-9s", a, t));
                curve.forEach(p -> line.append(String.format(Locale.ROOT, "  %d: %.1f [%.1f,%.1f] / %.4f", p.n(),
                        100 * p.accuracy(), 100 * p.low(), 100 * p.high(), p.mse())));
                line.append(String.format(Locale.ROOT, "  slope %.2f", slope(curve)));
                stdout.println(line);
            }
        }
        List<Comparison> paired = comparisons(points, architectures, transforms,
                ab -> (Fig2Experiment.pooled(ab[0]) ? pooled : flat) == (Fig2Experiment.pooled(ab[1]) ? pooled : flat));
        StringBuilder pcsv = new StringBuilder("comparison,n,accuracy_a,accuracy_b,only_a_right,only_b_right,p\n");
        for (Comparison c : paired) {
            pcsv.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%d,%d,%.6g%n", c.label(), c.a().n(),
                    c.a().accuracy(), c.b().accuracy(), c.onlyA(), c.onlyB(), c.p()));
        }
        Files.writeString(out.resolve("curves-comparisons.csv"), pcsv, StandardCharsets.UTF_8);
        if (!paired.isEmpty()) {
            stdout.println();
            stdout.println("paired on the same test images (exact McNemar): N: accuracy of A minus B in points (p)");
            java.util.Map<String, StringBuilder> lines = new java.util.LinkedHashMap<>();
            for (Comparison c : paired) {
                lines.computeIfAbsent(c.label(), k -> new StringBuilder(String.format(Locale.ROOT, "%-26s", k)))
                        .append(String.format(Locale.ROOT, "  %d: %+.1f (%.3g)", c.a().n(),
                                100 * (c.a().accuracy() - c.b().accuracy()), c.p()));
            }
            lines.values().forEach(stdout::println);
        }
        stdout.printf(Locale.ROOT, "total %.1f s (%s) on %d threads; wrote %s%n", seconds,
                TextProgress.formatSeconds(seconds), threads, List.of(out.resolve("curves.csv"),
                        out.resolve("curves-comparisons.csv"), out.resolve("error.png"), out.resolve("mse.png")));
        return 0;
    }

    private static INDArray sub(INDArray m, int rows, int cols) {
        return m == null ? null : m.get(NDArrayIndex.interval(0, rows), NDArrayIndex.interval(0, cols)).dup();
    }

    /** Least-squares slope of log(error) against log(N) over the last three points (NaN with fewer than two). */
    static double slope(List<Point> curve) {
        List<Point> tail = curve.subList(Math.max(0, curve.size() - 3), curve.size());
        if (tail.size() < 2) {
            return Double.NaN;
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Point p : tail) {
            double x = Math.log(p.n());
            double y = Math.log(Math.max(1e-9, 1 - p.accuracy()));
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        int k = tail.size();
        return (k * sxy - sx * sy) / (k * sxx - sx * sx);
    }

    private LinePlot plot(List<Point> points, boolean error, String yLabel, String title) {
        LinePlot plot = new LinePlot(title, "training images N", yLabel, true, true);
        // One colour per architecture (whichever are run), solid for the first transform, dashed for the others.
        for (String t : transforms) {
            for (Architecture a : architectures) {
                List<Point> c = points.stream().filter(p -> p.arch() == a && p.transform().equals(t)).toList();
                double[] x = c.stream().mapToDouble(Point::n).toArray();
                double[] y = c.stream().mapToDouble(p -> error ? 1 - p.accuracy() : p.mse()).toArray();
                double[] err = error ? c.stream().mapToDouble(p -> (p.high() - p.low()) / 2).toArray() : null;
                plot.add(new LinePlot.Series(a + " " + t, x, y, err, !t.equals(transforms.get(0)),
                        architectures.indexOf(a)));
            }
        }
        return plot;
    }
}

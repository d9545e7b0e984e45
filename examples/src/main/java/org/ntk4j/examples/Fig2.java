package org.ntk4j.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntk4j.cli.SparkGrams;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.Precision;
import org.ntk4j.core.TextProgress;
import org.ntk4j.core.io.FashionMnist;
import org.ntk4j.core.io.TrainTest;
import org.ntk4j.symmetry.Architecture;
import org.ntk4j.symmetry.PaperNetworks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Reproduces the NTK panel of Xiao &amp; Pennington's Fig. 2 on Fashion-MNIST with the statistics to
 * read it: test accuracy of infinite-width NTK regression for FCN, LCN, VEC, GAP and LAP on data
 * transformed by random elements of identity, O(C)⊗I_d, O(C)^d, P(Cd) and O(Cd), each cell with a
 * 95 % Wilson interval (± sd across {@code --repeats} draws of τ), paired tests of the paper's
 * comparisons, and a summary of which claims the run resolves. Cells Theorem 4.1 proves equal reuse
 * one Gram (spot-checked). Prints the table, writes {@code fig2.csv}, {@code fig2.md},
 * {@code fig2.png} and {@code fig2-comparisons.csv} to {@code --out}, and one progress bar with an
 * ETA for the whole run on stderr. Run with {@code bin/ntk4j-example Fig2 [OPTIONS]}; see
 * {@code docs/fig2.md}.
 */
@Command(name = "Fig2", mixinStandardHelpOptions = true, sortOptions = false,
        description = "NTK test accuracy per architecture × data transform (Xiao & Pennington, Fig. 2) on "
                + "Fashion-MNIST, with 95 % intervals, paired tests and the claims they resolve.")
public final class Fig2 implements Callable<Integer> {
    /** The scales of a run: {@code default} (about 6 minutes on 2 quiet cores) and the opt-in {@code paper}. */
    public enum Profile {
        /**
         * The shipped subset: FCN, LCN, VEC on all its 2,000 train / 1,000 test images at 14×14×4
         * (float64), where the drops of LCN and VEC under P(Cd) and O(Cd) are significant (at 1,000
         * training images the P(Cd) drop sat at p = 0.05); GAP and LAP on 200 / 200 at the coarser
         * 7×7×16 in float32 (16× cheaper per entry than 14×14); one draw of τ.
         */
        DEFAULT(2000, 1000, 2, 200, 200, 4, 1),
        /**
         * The largest scale that finishes in about 2 hours on 2 cores (measured in {@code docs/fig2.md}):
         * the full Fashion-MNIST when installed (else the shipped 2,000 + 1,000 subset), 3,000 train /
         * 2,000 test at 14×14×4 for FCN, LCN, VEC (float64); 200 / 200 at 14×14×4 in float32 for GAP
         * and LAP (their entries cost O(P²), about 1.4 ms each); 5 draws of τ; every Gram build
         * checkpointed under {@code --out}/checkpoints so that a rerun resumes, and so that
         * {@code Fig2LearningCurves --checkpoint} reads the same Grams back.
         */
        PAPER(3000, 2000, 2, 200, 200, 2, 5);

        final int train;
        final int test;
        final int block;
        final int pooledTrain;
        final int pooledTest;
        final int pooledBlock;
        final int repeats;

        Profile(int train, int test, int block, int pooledTrain, int pooledTest, int pooledBlock, int repeats) {
            this.train = train;
            this.test = test;
            this.block = block;
            this.pooledTrain = pooledTrain;
            this.pooledTest = pooledTest;
            this.pooledBlock = pooledBlock;
            this.repeats = repeats;
        }
    }

    /** Default number of hidden layers: the paper's 8. */
    public static final int DEFAULT_DEPTH = 8;

    @Option(names = "--profile", description = "default (about 6 min on 2 cores) or paper (about 2 h; full data when "
            + "installed, checkpointed); the options below override it (default: ${DEFAULT-VALUE})")
    Profile profile = Profile.DEFAULT;

    @Option(names = "--train", description = "training images of FCN, LCN, VEC (default: the profile's)")
    Integer train;

    @Option(names = "--test", description = "test images of FCN, LCN, VEC (default: the profile's)")
    Integer test;

    @Option(names = "--block", description = "space-to-depth block of FCN, LCN, VEC: 2 (14×14×4) or 4 (7×7×16)")
    Integer block;

    @Option(names = "--pooled-train", description = "training images of GAP, LAP (default: the profile's)")
    Integer pooledTrain;

    @Option(names = "--pooled-test", description = "test images of GAP, LAP (default: the profile's)")
    Integer pooledTest;

    @Option(names = "--pooled-block", description = "space-to-depth block of GAP, LAP: 2 (14×14×4) or 4 (7×7×16)")
    Integer pooledBlock;

    @Option(names = "--repeats", description = "draws of τ per transform, reported as mean ± sd (paper: 5)")
    Integer repeats;

    @Option(names = "--precision", description = "precision of the pooled builds, float32 or float64 "
            + "(default ${DEFAULT-VALUE}; FCN, LCN, VEC always float64)")
    String precision = "float32";

    @Option(names = "--depth", description = "hidden layers (default ${DEFAULT-VALUE}; the paper: 8)")
    int depth = DEFAULT_DEPTH;

    @Option(names = "--threads", description = "Gram worker threads (default: all cores, ${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--diag-reg", description = "relative diagonal regularisation λ (default ${DEFAULT-VALUE})")
    double diagReg = 1e-4;

    @Option(names = "--seed", description = "seed of the sampled group elements (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--arch", split = ",", description = "architectures (default: all, FCN,LCN,VEC,GAP,LAP)")
    List<Architecture> architectures = List.of(Architecture.values());

    @Option(names = "--transforms", split = ",",
            description = "group names (default: identity,O(C)xI_d,O(C)^d,P(Cd),O(Cd))")
    List<String> transforms = Fig2Experiment.PAPER_TRANSFORMS;

    @Option(names = "--no-reuse", description = "recompute the cells Theorem 4.1 proves equal instead of reusing "
            + "the untransformed Grams")
    boolean noReuse;

    @Option(names = "--spot-checks", description = "k: each reused cell recomputes k test × k train and k × k "
            + "train entries (default ${DEFAULT-VALUE})")
    int spotChecks = Fig2Experiment.DEFAULT_SPOT_CHECKS;

    @Option(names = "--checkpoint", description = "keep every Gram build's tiles here so that a rerun resumes "
            + "(default: none; the paper profile: OUT/checkpoints)")
    Path checkpoint;

    @Option(names = "--spark", paramLabel = "MASTER", description = "build the Grams on this Spark master "
            + "(local[N], spark://host:port, k8s://..., submit), bit-identical to local builds; with a checkpoint "
            + "the tiles go to the same directories, so a run resumes across local and Spark (default: local)")
    String spark;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "a Spark setting for --spark "
            + "(repeatable), e.g. spark.executor.memory=8g")
    java.util.Map<String, String> sparkConf = new java.util.LinkedHashMap<>();

    @Option(names = "--data", description = "Fashion-MNIST directory (default: " + FashionMnist.SYSTEM_DIRECTORY
            + " when installed, else examples/data/fashion-mnist)")
    Path data;

    @Option(names = "--out", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out = Path.of("fig2-out");

    private final PrintStream stdout;

    Fig2(PrintStream stdout) {
        this.stdout = stdout;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Parses {@code args}, runs, and returns the exit code (2 for bad options or input). */
    static int run(String[] args, PrintStream stdout) {
        return new CommandLine(new Fig2(stdout)).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
                        cmd.getErr().println("Fig2: error: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                }).execute(args);
    }

    /** The experiment the options describe (without running it). */
    Fig2Experiment experiment() {
        Precision p = pooledPrecision(precision);
        Path cp = checkpoint != null ? checkpoint : profile == Profile.PAPER ? out.resolve("checkpoints") : null;
        return new Fig2Experiment(PaperNetworks.paper().withDepth(depth), architectures, transforms, threads, diagReg,
                seed, true, value(repeats, profile.repeats, "--repeats"), p, !noReuse, spotChecks, cp);
    }

    /** The value of {@code --precision} (pooled builds): float32 or float64. */
    static Precision pooledPrecision(String option) {
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "float32" -> Precision.FLOAT32;
            case "float64" -> Precision.FLOAT64;
            default -> throw new IllegalArgumentException("--precision must be float32 or float64, got '"
                    + option + "'");
        };
    }

    /** {@code option}, or {@code fallback} (the profile's) when it was not given; at least 1. */
    static int value(Integer option, int fallback, String name) {
        int v = option != null ? option : fallback;
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + v);
        }
        return v;
    }

    private static int block(Integer option, int fallback, String name) {
        int v = option != null ? option : fallback;
        if (v != 1 && v != 2 && v != 4 && v != 7) {
            throw new IllegalArgumentException(name + " must divide 28 (1, 2, 4 or 7), got " + v);
        }
        return v;
    }

    @Override
    public Integer call() throws Exception {
        Fig2Experiment experiment = experiment();
        int n = value(train, profile.train, "--train");
        int m = value(test, profile.test, "--test");
        int pn = value(pooledTrain, profile.pooledTrain, "--pooled-train");
        int pm = value(pooledTest, profile.pooledTest, "--pooled-test");
        int b = block(block, profile.block, "--block");
        int pb = block(pooledBlock, profile.pooledBlock, "--pooled-block");
        Ntk4j.init();
        TrainTest raw = data == null ? FashionMnist.load() : FashionMnist.load(data);
        boolean anyFlat = architectures.stream().anyMatch(a -> !Fig2Experiment.pooled(a));
        boolean anyPooled = architectures.stream().anyMatch(Fig2Experiment::pooled);
        // Sizes beyond the data set are cut to it (the shipped subset has 2,000 / 1,000), and said so.
        int availTrain = raw.train().size();
        int availTest = raw.test().size();
        if (anyFlat && (n > availTrain || m > availTest) || anyPooled && (pn > availTrain || pm > availTest)) {
            stdout.printf(Locale.ROOT, "note: the data set has %d train / %d test images; larger sizes are cut to "
                    + "them%n", availTrain, availTest);
        }
        Fig2Data flat = anyFlat ? Fig2Data.prepare(raw, Math.min(n, availTrain), Math.min(m, availTest), b) : null;
        Fig2Data pooled = anyPooled ? (flat != null && pn == n && pm == m && pb == b ? flat
                : Fig2Data.prepare(raw, Math.min(pn, availTrain), Math.min(pm, availTest), pb)) : null;
        stdout.printf(Locale.ROOT, "Fig2 profile %s, %s; progress and ETA on stderr%n",
                profile.name().toLowerCase(Locale.ROOT), spark == null ? threads + " threads" : "Gram builds on Spark "
                        + spark);
        long start = System.nanoTime();
        Fig2Result result;
        if (spark == null) {
            result = experiment.run(flat != null ? flat : pooled, pooled != null ? pooled : flat);
        } else {
            try (SparkGrams cluster = SparkGrams.open(spark, sparkConf, "Fig2", System.err)) {
                result = experiment.withSpark(cluster).run(flat != null ? flat : pooled, pooled != null ? pooled : flat);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stdout.println(result.description());
        stdout.println();
        stdout.print(result.table());
        stdout.println("cells: accuracy % " + (experiment.repeats() > 1 ? "± sd across draws " : "")
                + "[95 % Wilson interval]; = reused the untransformed Grams (Theorem 4.1, spot-checked)");
        stdout.println();
        stdout.println(result.claims());
        // Exact kernel invariance gives the same predictions up to round-off: allow one flipped near-tie.
        List<String> violations = result.theoremViolations(1.0 / Math.min(result.test(),
                result.data(architectures.get(architectures.size() - 1)).testSize()) + 1e-12);
        stdout.println();
        stdout.println(violations.isEmpty()
                ? "Theorem 4.1: every cell it predicts invariant has the untransformed accuracy."
                : "Theorem 4.1 VIOLATED (a bug?): " + String.join("; ", violations));
        stdout.printf(Locale.ROOT, "total %.1f s (%s) %s; wrote %s%n", seconds, TextProgress.formatSeconds(seconds),
                spark == null ? "on " + threads + " threads" : "with the Gram builds on Spark " + spark,
                result.write(out));
        return violations.isEmpty() ? 0 : 1;
    }
}

package org.ntk4j.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.io.FashionMnist;
import org.ntk4j.core.io.TrainTest;
import org.ntk4j.symmetry.Architecture;
import org.ntk4j.symmetry.PaperNetworks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Reproduces the NTK panel of Xiao &amp; Pennington's Fig. 2 on Fashion-MNIST: test accuracy of
 * infinite-width NTK regression for FCN, LCN, VEC, GAP and LAP on data transformed by one random
 * element of identity, O(C)⊗I_d, O(C)^d, P(Cd) and O(Cd). Prints the table, writes
 * {@code fig2.csv}, {@code fig2.md} and {@code fig2.png} to {@code --out}, and a progress bar per
 * architecture on stderr. Run with {@code bin/ntk4j-example Fig2 [OPTIONS]}; see
 * the README's "Fig. 2 reproduction" section.
 */
@Command(name = "Fig2", mixinStandardHelpOptions = true, sortOptions = false,
        description = "NTK test accuracy per architecture × data transform (Xiao & Pennington, Fig. 2) on "
                + "Fashion-MNIST, space-to-depth 14×14×4.")
public final class Fig2 implements Callable<Integer> {
    /**
     * Default number of training images. The defaults keep the paper's depth and fit in about five
     * minutes on 2 idle cores: the pooled networks (GAP, LAP) hold a 196 × 196 covariance per pair
     * of 14×14 images and cost about 6 ms of CPU per kernel entry at depth 8, against microseconds
     * to a millisecond for FCN, LCN and VEC (80 / 80 images took 337 s on a quiet 2-core machine).
     */
    public static final int DEFAULT_TRAIN = 70;
    /** Default number of test images. */
    public static final int DEFAULT_TEST = 70;
    /** Default number of hidden layers: the paper's 8. */
    public static final int DEFAULT_DEPTH = 8;

    @Option(names = "--train", description = "training images (default ${DEFAULT-VALUE})")
    int train = DEFAULT_TRAIN;

    @Option(names = "--test", description = "test images (default ${DEFAULT-VALUE})")
    int test = DEFAULT_TEST;

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

    @Override
    public Integer call() throws Exception {
        Ntk4j.init();
        TrainTest raw = data == null ? FashionMnist.load() : FashionMnist.load(data);
        Fig2Data prepared = Fig2Data.prepare(raw, train, test);
        Fig2Experiment experiment = new Fig2Experiment(PaperNetworks.paper().withDepth(depth), architectures,
                transforms, threads, diagReg, seed, true);
        long start = System.nanoTime();
        Fig2Result result = experiment.run(prepared);
        double seconds = (System.nanoTime() - start) / 1e9;
        stdout.println(result.description());
        stdout.println();
        stdout.print(result.table());
        // Exact kernel invariance gives the same predictions up to round-off: allow one flipped near-tie.
        List<String> violations = result.theoremViolations(1.0 / test + 1e-12);
        stdout.println();
        stdout.println(violations.isEmpty()
                ? "Theorem 4.1: every cell it predicts invariant has the untransformed accuracy."
                : "Theorem 4.1 VIOLATED (a bug?): " + String.join("; ", violations));
        stdout.printf(Locale.ROOT, "total %.1f s; wrote %s%n", seconds, result.write(out));
        return violations.isEmpty() ? 0 : 1;
    }
}

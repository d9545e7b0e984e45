package org.ntk4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.io.FashionMnist;
import org.ntk4j.core.io.LabelledData;
import org.ntk4j.core.preprocess.ChannelStandardizer;
import org.ntk4j.core.preprocess.SpaceToDepth;
import org.ntk4j.symmetry.PaperNetworks;
import org.ntk4j.symmetry.Theorem41;
import org.ntk4j.symmetry.Theorem41Cell;
import org.ntk4j.symmetry.Theorem41Result;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code ntk4j theorem41}: the Theorem 4.1 table of Xiao &amp; Pennington measured on random or
 * Fashion-MNIST images; exit code {@link Main#CHECK_FAILED} when a cell disagrees with the theorem.
 */
@CommandLine.Command(name = "theorem41", sortOptions = false,
        description = {"Check Theorem 4.1 of Xiao & Pennington numerically: which groups leave the kernels invariant.",
            "",
            "For the paper's architectures FCN, LCN, VEC, GAP and LAP (ReLU, sw^2 = 2, sb^2 = 0.01, 3x3 CIRCULAR "
                    + "filters, 2x2 LAP window) and the groups O(Cd), P(Cd), O(C)^d, P(C)^d, O(C)xI_d, P(C)xI_d and "
                    + "translations, measures the relative deviation of the NNGP and NTK under random group elements "
                    + "and compares it with the theorem's prediction (invariant: <= 1e-10; not invariant: >= 1e-3). "
                    + "Prints the Markdown table on stdout and writes theorem41.md, theorem41.csv and theorem41.png "
                    + "(heat map) into --out.",
            ""},
        footerHeading = "%n", footer = {"Exit codes: 0 every cell agrees with the theorem, 3 some cell disagrees, "
                + "1 internal error, 2 usage error.",
            "",
            "Examples:",
            "  ntk4j theorem41                               # 4 random 6x6x3 images, depth 8",
            "  ntk4j theorem41 --input shipped --out fmnist  # 4 Fashion-MNIST images as 14x14x4",
            "  ntk4j theorem41 --depth 2 --samples 1         # quicker"})
public final class Theorem41Command implements Command {
    /** Side and channels of the random images (C = 3 as in the paper). */
    static final int RANDOM_SIDE = 6;
    static final int RANDOM_CHANNELS = 3;

    /** Where the images come from. */
    enum Input { random, shipped }

    @Option(names = "--input", paramLabel = "random|shipped", defaultValue = "random",
            description = "random: standard normal 6x6x3 images (C = 3 as in the paper); "
                    + "shipped: Fashion-MNIST training images, standardised and rearranged space-to-depth 2x2 to "
                    + "14x14x4 (default: ${DEFAULT-VALUE}).")
    Input input;

    @Option(names = "--images", paramLabel = "N", defaultValue = "4",
            description = "Number of images (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "8",
            description = "Hidden ReLU layers of every network (default: ${DEFAULT-VALUE}, the paper's Fig. 2).")
    int depth;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "3",
            description = "Random group elements per cell (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the group elements and of the random images (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "theorem41-out",
            description = "Directory for theorem41.md, .csv and .png, created if needed (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public int run(PrintStream stdout, PrintStream err) {
        if (images < 1) {
            throw new CliException("--images must be at least 1, got " + images);
        }
        if (depth < 1) {
            throw new CliException("--depth must be at least 1, got " + depth);
        }
        if (samples < 1) {
            throw new CliException("--samples must be at least 1, got " + samples);
        }
        CliFiles.requireOutputDirectory("--out", out);
        Ntk4j.init();
        INDArray x = input == Input.random ? Theorem41.randomImages(images, RANDOM_SIDE, RANDOM_CHANNELS, seed)
                : shipped(images);
        Theorem41 table = Theorem41.defaults().networks(PaperNetworks.paper().withDepth(depth)).samples(samples)
                .seed(seed);
        err.println(String.format(Locale.ROOT, "ntk4j theorem41: measuring 35 cells on %s inputs %s, depth %d, "
                + "%d sample(s) per cell ...", input, Arrays.toString(x.shape()), depth, samples));
        long start = System.nanoTime();
        Theorem41Result result = table.run(x);
        double seconds = (System.nanoTime() - start) / 1e9;
        CliFiles.write("--out", out, () -> result.writeReport(out));
        stdout.print(result.markdown());
        List<Theorem41Cell> bad = result.disagreements();
        err.println(String.format(Locale.ROOT, "ntk4j theorem41: %s in %.1f s -> %s", bad.isEmpty()
                ? "every cell agrees with Theorem 4.1" : bad.size() + " cell(s) DISAGREE (" + bad.stream()
                        .map(c -> String.format(Locale.ROOT, "%s under %s: %.1e, predicted %s", c.architecture(),
                                c.measuredGroup(), c.deviation().max(), c.predictedInvariant() ? "invariant"
                                        : "not invariant"))
                        .collect(Collectors.joining("; ")) + ")", seconds,
                out.resolve("theorem41.{md,csv,png}")));
        return bad.isEmpty() ? Main.OK : Main.CHECK_FAILED;
    }

    /**
     * The first {@code n} Fashion-MNIST training images (N, 28, 28, 1), standardised with their own
     * mean and standard deviation, then space-to-depth 2x2: (N, 14, 14, 4).
     */
    static INDArray shipped(int n) {
        LabelledData train;
        try {
            train = FashionMnist.load().train();
        } catch (NoSuchFileException e) {
            throw new CliException("--input shipped: " + Main.oneLine(e.getReason() != null ? e.getReason()
                    : "no such file: " + e.getFile()), e);
        } catch (IOException e) {
            throw new CliException("--input shipped: cannot read Fashion-MNIST ("
                    + Main.oneLine(String.valueOf(e.getMessage())) + ")", e);
        }
        if (n > train.size()) {
            throw new CliException("--images " + n + " is more than the " + train.size()
                    + " Fashion-MNIST training images");
        }
        INDArray x = train.first(n).x();
        return SpaceToDepth.apply(ChannelStandardizer.fit(x).apply(x), 2);
    }
}

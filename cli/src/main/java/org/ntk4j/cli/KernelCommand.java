package org.ntk4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.ConsoleProgressBar;
import org.ntk4j.core.Gram;
import org.ntk4j.core.GramProgress;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.io.Npy;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.spec.NetworkSpec;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code ntk4j kernel}: the NNGP and NTK Gram matrices of a network spec on inputs from .npy
 * files, written to an .npz archive.
 */
@CommandLine.Command(name = "kernel", sortOptions = false,
        description = {"Compute the NNGP and NTK kernels of a network on .npy inputs.",
            "",
            "Computes K(X1, X2) for the network in --spec and writes an .npz archive with arrays 'nngp' and "
                    + "'ntk' (float64, shape (N1, N2)); without --x2 the symmetric kernel of X1 with itself is computed, each "
                    + "pair once. Progress and a one-line summary go to stderr.",
            ""},
        footerHeading = "%n", footer = {"Example:",
            "  ntk4j kernel --spec examples/data/cnn_gap.json \\",
            "               --x1 examples/data/x_small.npy --out k.npz"})
public final class KernelCommand implements Command {
    @Option(names = "--spec", required = true, paramLabel = "FILE",
            description = "Network spec, JSON with neural-tangents layer names and keys, e.g. "
                    + "{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}]}.")
    Path spec;

    @Option(names = "--x1", required = true, paramLabel = "FILE",
            description = "Inputs X1, an .npy array of shape (N1, D), (N1, W, C) or (N1, H, W, C), channels last.")
    Path x1;

    @Option(names = "--x2", paramLabel = "FILE",
            description = "Inputs X2, an .npy array with the same per-input shape as X1 (default: X1).")
    Path x2;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output .npz archive (overwritten if it exists).")
    Path out;

    @Option(names = "--nngp-only", description = "Compute and write only 'nngp' (skips all NTK work).")
    boolean nngpOnly;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: all available cores).")
    Integer threads;

    @Option(names = "--tile-size", paramLabel = "T", defaultValue = "32",
            description = "Rows and columns of the kernel per work tile (default: ${DEFAULT-VALUE}).")
    int tileSize;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Keep finished tiles in DIR (created if missing); run again with the same arguments to "
                    + "compute only the tiles still missing, with a bit-identical result. A DIR of another spec, "
                    + "other inputs or other settings is refused.")
    Path checkpoint;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary on stderr (errors are still printed).")
    boolean quiet;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public int run(PrintStream stdout, PrintStream err) throws IOException {
        if (threads != null && threads < 1) {
            throw new CliException("--threads must be at least 1, got " + threads);
        }
        if (tileSize < 1) {
            throw new CliException("--tile-size must be at least 1, got " + tileSize);
        }
        Path outDir = out.toAbsolutePath().getParent();
        if (outDir != null && !Files.isDirectory(outDir)) {
            throw new CliException("--out " + out + ": directory " + outDir + " does not exist");
        }
        if (Files.isDirectory(out)) {
            throw new CliException("--out " + out + " is a directory; give a file name such as k.npz");
        }
        Ntk4j.init();
        Layer network = CliFiles.read("--spec", spec, () -> NetworkSpec.read(spec));
        INDArray a1 = CliFiles.read("--x1", x1, () -> Npy.read(x1));
        INDArray a2 = x2 == null ? a1 : CliFiles.read("--x2", x2, () -> Npy.read(x2));
        InputShape shape = Inputs.shapeOf(a1, "--x1 " + x1);
        if (x2 != null) {
            Inputs.shapeOf(a2, "--x2 " + x2);
            Inputs.commonShape(a1, a2);
        }
        try {
            network.compile(shape); // checked here so that errors name the spec file; Gram compiles again (cheap)
        } catch (IllegalArgumentException e) {
            throw new CliException(spec + ": " + e.getMessage(), e);
        }

        String label = nngpOnly ? "nngp" : "nngp+ntk";
        Recorder recorder = new Recorder(quiet ? GramProgress.NONE
                : new ConsoleProgressBar(err, err == System.err && System.console() != null, label));
        Gram gram = Gram.of(network).tileSize(tileSize).progress(recorder);
        if (threads != null) {
            gram = gram.threads(threads);
        }
        if (nngpOnly) {
            gram = gram.nngpOnly();
        }
        if (checkpoint != null) {
            gram = gram.checkpoint(checkpoint);
        }
        long start = System.nanoTime();
        Kernel k = x2 == null ? gram.compute(a1) : gram.compute(a1, a2);
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("nngp", k.nngp());
        if (!nngpOnly) {
            arrays.put("ntk", k.ntk());
        }
        CliFiles.write(out, arrays);

        if (!quiet) {
            long entries = recorder.finished ? recorder.done : k.nngp().length();
            err.println(String.format(Locale.ROOT, "ntk4j kernel: %s %s%s, %d entries in %.2f s (%.1f entries/s), "
                            + "%d threads -> %s", label, shape(k.nngp()), x2 == null ? " symmetric" : "", entries,
                    seconds, seconds > 0 ? entries / seconds : 0.0, gram.threads(), out));
        }
        return Main.OK;
    }

    private static String shape(INDArray a) {
        return Arrays.stream(a.shape()).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Passes progress on and remembers the final count of kernel entries. */
    private static final class Recorder implements GramProgress {
        private final GramProgress delegate;
        private volatile boolean finished;
        private volatile long done;

        Recorder(GramProgress delegate) {
            this.delegate = delegate;
        }

        @Override
        public void update(long done, long total, double entriesPerSecond, double etaSeconds) {
            delegate.update(done, total, entriesPerSecond, etaSeconds);
        }

        @Override
        public void finished(long done, long total, double seconds) {
            this.done = done;
            this.finished = true;
            delegate.finished(done, total, seconds);
        }
    }
}

package org.ntk4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.ConsoleProgressBar;
import org.ntk4j.core.Gram;
import org.ntk4j.core.GramProgress;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.predict.Gaussian;
import org.ntk4j.core.predict.KernelPredictor;
import org.ntk4j.core.predict.Regime;
import org.ntk4j.layers.Layer;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code ntk4j predict}: the test-set mean (and covariance) of an infinite ensemble of
 * infinite-width networks trained by gradient flow on the MSE loss, with neural-tangents'
 * {@code gradient_descent_mse_ensemble} conventions, written to an .npz archive.
 */
@CommandLine.Command(name = "predict", sortOptions = false,
        description = {"Predict test outputs of an infinitely wide network trained on (X, Y), as an .npz archive.",
            "",
            "The output distribution of an infinite ensemble trained by gradient flow on the MSE loss for time --t "
                    + "(neural-tangents' gradient_descent_mse_ensemble): 'mean' (N_test, k) and, with --cov, 'cov' "
                    + "(N_test, N_test), shared by the k outputs. --kernel ntk trains every layer, --kernel nngp only "
                    + "the readout (at t = inf the NNGP posterior). Progress of the kernel computations and a "
                    + "one-line summary go to stderr.",
            ""},
        footerHeading = "%n", footer = {"Example:",
            "  ntk4j predict --spec net.json --train-x x_train.npy --train-y y_train.npy \\",
            "                --test-x x_test.npy --diag-reg 1e-4 --cov --out pred.npz"})
public final class PredictCommand implements Command {
    @Option(names = "--spec", required = true, paramLabel = "FILE",
            description = "Network spec, JSON with neural-tangents layer names and keys (as for 'ntk4j kernel').")
    Path spec;

    @Option(names = "--train-x", required = true, paramLabel = "FILE",
            description = "Training inputs X, an .npy array of shape (N, D), (N, W, C) or (N, H, W, C), channels last.")
    Path trainX;

    @Option(names = "--train-y", required = true, paramLabel = "FILE",
            description = "Training targets Y, an .npy array of shape (N, k), or (N) for one output (k = 1).")
    Path trainY;

    @Option(names = "--test-x", required = true, paramLabel = "FILE",
            description = "Test inputs x, an .npy array with the per-input shape of X.")
    Path testX;

    @Option(names = "--kernel", paramLabel = "ntk|nngp", defaultValue = "ntk",
            description = "Which ensemble: ntk (all layers trained) or nngp (readout only) (default: ${DEFAULT-VALUE}).")
    String kernel;

    @Option(names = "--t", paramLabel = "T|inf", defaultValue = "inf",
            description = "Training time t >= 0, or inf for the end of training (default: ${DEFAULT-VALUE}). "
                    + "Scaled as in neural-tangents: the dynamics run at lr*t/(N*k).")
    String time;

    @Option(names = "--lr", paramLabel = "ETA", defaultValue = "1", converter = Decimal.class,
            description = "Learning rate eta > 0 (default: ${DEFAULT-VALUE}); matters only for finite --t.")
    double learningRate;

    @Option(names = "--diag-reg", paramLabel = "LAMBDA", defaultValue = "0", converter = Decimal.class,
            description = "Adds LAMBDA*mean(diag G) to the diagonal of the train-train Gram G "
                    + "(neural-tangents' diag_reg; default: ${DEFAULT-VALUE}).")
    double diagReg;

    @Option(names = "--cov", description = "Also compute and write the test covariance 'cov' (N_test, N_test).")
    boolean covariance;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output .npz archive (overwritten if it exists).")
    Path out;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: all available cores).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary on stderr (errors are still printed).")
    boolean quiet;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public int run(PrintStream stdout, PrintStream err) {
        Regime regime = regime(kernel);
        double t = time(time);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new CliException("--lr must be positive and finite, got " + learningRate);
        }
        if (!(diagReg >= 0) || !Double.isFinite(diagReg)) {
            throw new CliException("--diag-reg must be finite and >= 0, got " + diagReg);
        }
        if (threads != null && threads < 1) {
            throw new CliException("--threads must be at least 1, got " + threads);
        }
        CliFiles.requireNonEmpty("--out", out, "a file name such as pred.npz");
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--spec", spec);
        inputs.put("--train-x", trainX);
        inputs.put("--train-y", trainY);
        inputs.put("--test-x", testX);
        CliFiles.requireNotAnInput("--out", out, false, inputs);
        CliFiles.requireOutputFile("--out", out, "pred.npz");
        Ntk4j.init();
        Layer network = CliFiles.network(spec);
        INDArray xTrain = CliFiles.array("--train-x", trainX);
        INDArray yTrain = CliFiles.array("--train-y", trainY);
        INDArray xTest = CliFiles.array("--test-x", testX);
        InputShape shape = CliFiles.sameInputs("--train-x", trainX, xTrain, "--test-x", testX, xTest);
        checkLabels(yTrain, xTrain.size(0));
        KernelShape output = CliFiles.compile(network, spec, shape).outputShape();
        if (output.rank() > 0) { // refused before the kernels are built, not after
            throw new CliException("--spec " + spec + " has no readout layer: its kernel keeps the spatial dims "
                    + Arrays.toString(output.spatial()) + ", but predict needs one number per pair of inputs; end the "
                    + "network with GlobalAvgPool or Flatten (then Dense)");
        }

        GramProgress progress = quiet ? GramProgress.NONE
                : new ConsoleProgressBar(err, err == System.err && System.console() != null, regime.label());
        Gram gram = Gram.of(network).progress(progress);
        if (threads != null) {
            gram = gram.threads(threads);
        }
        long start = System.nanoTime();
        Gaussian g;
        try {
            g = KernelPredictor.of(gram).learningRate(learningRate).diagReg(diagReg)
                    .predict(regime, t, covariance, xTrain, yTrain, xTest);
        } catch (IllegalArgumentException e) {
            throw singular(e, xTrain);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("mean", g.mean());
        if (covariance) {
            arrays.put("cov", g.covariance());
        }
        CliFiles.write(out, arrays);
        if (!quiet) {
            err.println(String.format(Locale.ROOT, "ntk4j predict: %s, t = %s, %d training and %d test points, "
                            + "%d output(s)%s in %.2f s, %d threads -> %s", regime.label(), time.strip(), xTrain.size(0),
                    xTest.size(0), g.mean().size(1), covariance ? ", with covariance" : "", seconds, gram.threads(),
                    out));
        }
        return Main.OK;
    }

    /** {@code ntk} or {@code nngp}, case-insensitive. */
    static Regime regime(String name) {
        try {
            return Regime.parse(name);
        } catch (IllegalArgumentException e) {
            throw new CliException("--kernel '" + name + "' is not a kernel: expected ntk or nngp");
        }
    }

    /** A training time: a number >= 0, or {@code inf} (also {@code infinity}, {@code ∞}). */
    static double time(String text) {
        String s = text.strip();
        if (s.equalsIgnoreCase("inf") || s.equalsIgnoreCase("infinity") || s.equals("∞")) {
            return Double.POSITIVE_INFINITY;
        }
        if (!Decimal.PLAIN.matcher(s).matches()) {
            throw new CliException("--t '" + text + "' is not a number: expected a training time >= 0 (a decimal "
                    + "number such as 10, 0.5 or 1e3) or 'inf'");
        }
        double t = Double.parseDouble(s);
        if (Double.isNaN(t) || t < 0) {
            throw new CliException("--t must be >= 0 or 'inf', got " + text);
        }
        return t;
    }

    /**
     * A plain decimal number ({@code 10}, {@code -0.5}, {@code 1e-3}), not everything Java's
     * {@code Double.valueOf} takes ({@code 1d}, {@code 0x1p3}, {@code NaN}, {@code Infinity}).
     */
    static final class Decimal implements CommandLine.ITypeConverter<Double> {
        static final Pattern PLAIN = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

        @Override
        public Double convert(String value) {
            String s = value.strip();
            if (!PLAIN.matcher(s).matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a decimal number (such as 10, "
                        + "0.5 or 1e-4)");
            }
            return Double.parseDouble(s);
        }
    }

    /** Y must be (N) or (N, k) with N the number of training inputs. */
    private void checkLabels(INDArray y, long n) {
        if (y.rank() != 1 && y.rank() != 2) {
            throw new CliException("--train-y " + trainY + " must have shape (N, k) or (N), got "
                    + Arrays.toString(y.shape()));
        }
        if (y.size(0) != n) {
            throw new CliException("--train-y " + trainY + " has " + y.size(0) + " rows of targets but --train-x "
                    + trainX + " has " + n + " training inputs");
        }
        if (y.rank() == 2 && y.size(1) == 0) {
            throw new CliException("--train-y " + trainY + " has no outputs: shape " + Arrays.toString(y.shape()));
        }
    }

    /** The library's singular-Gram error, pointing at --diag-reg instead of the Java method. */
    /**
     * The first few groups of identical rows of {@code x}, e.g. {@code "rows 3 = 17, 5 = 9 = 12 are
     * identical"}, or "" when all rows differ.
     */
    static String duplicateRows(INDArray x) {
        double[][] rows = Inputs.rows(x, "--train-x");
        Map<List<Double>, List<Integer>> seen = new LinkedHashMap<>();
        for (int i = 0; i < rows.length; i++) {
            seen.computeIfAbsent(Arrays.stream(rows[i]).boxed().toList(), k -> new ArrayList<>()).add(i);
        }
        List<String> groups = seen.values().stream().filter(g -> g.size() > 1).limit(5)
                .map(g -> g.stream().map(String::valueOf).collect(Collectors.joining(" = "))).toList();
        long more = seen.values().stream().filter(g -> g.size() > 1).count() - groups.size();
        return groups.isEmpty() ? "" : "rows " + String.join(", ", groups)
                + (more > 0 ? " and " + more + " more groups" : "") + " are identical";
    }

    private static RuntimeException singular(IllegalArgumentException e, INDArray xTrain) {
        String message = Main.oneLine(e.getMessage());
        if (!message.contains("singular")) {
            return e;
        }
        String duplicates = duplicateRows(xTrain);
        String cli = message.replace("diagReg(1e-6)", "--diag-reg 1e-6")
                .replace("remove duplicate training points", duplicates.isEmpty() ? "remove duplicate training points"
                        : "remove duplicate training points (" + duplicates + ")");
        if (!cli.contains("--diag-reg")) {
            cli += " (pass --diag-reg, e.g. --diag-reg 1e-6)";
        }
        return new CliException(cli + ", or predict at a finite --t", e);
    }
}

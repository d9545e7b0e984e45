package org.ntk4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.layers.Layer;
import org.ntk4j.symmetry.Deviation;
import org.ntk4j.symmetry.FiniteGroup;
import org.ntk4j.symmetry.Group;
import org.ntk4j.symmetry.Groups;
import org.ntk4j.symmetry.Invariance;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code ntk4j invariance}: how far a network's NNGP and NTK are from invariant under a group, as
 * one JSON line on stdout.
 */
@CommandLine.Command(name = "invariance", sortOptions = false,
        description = {"Measure how far a network's NNGP and NTK are from invariant under a group.",
            "",
            "Prints one JSON line: the relative deviations max|K(tX, tX') - K(X, X')| / max|K(X, X')| of the NNGP "
                    + "and the NTK, maximised over --samples random elements t of --group (every element with --all), "
                    + "e.g. {\"group\":\"O(Cd)\",\"sampling\":\"random\",\"seed\":0,\"nngp\":1.2e-16,\"ntk\":2.3e-16,"
                    + "\"max\":2.3e-16,\"samples\":3}. Invariant kernels give round-off (~1e-16).",
            ""},
        footerHeading = "%n", footer = {"Groups (C channels, d pixels; C may be a number, e.g. O(3)^d):",
            "  O(Cd), SO(Cd), P(Cd), O(C)^d, P(C)^d, O(C)xI_d, P(C)xI_d,",
            "  translation, translation(k), C4, D4, identity",
            "",
            "Example:",
            "  ntk4j invariance --spec examples/data/cnn_gap.json --x examples/data/x_small.npy \\",
            "                   --group 'O(C)xI_d' --samples 5"})
public final class InvarianceCommand implements Command {
    @Option(names = "--spec", required = true, paramLabel = "FILE",
            description = "Network spec, JSON with neural-tangents layer names and keys (as for 'ntk4j kernel').")
    Path spec;

    @Option(names = "--x", required = true, paramLabel = "FILE",
            description = "Inputs X, an .npy array of shape (N, D), (N, W, C) or (N, H, W, C), channels last.")
    Path x;

    @Option(names = "--x2", paramLabel = "FILE",
            description = "Second inputs X' with the per-input shape of X: compares K(tX, tX') with K(X, X') "
                    + "(default: X' = X).")
    Path x2;

    @Option(names = "--group", required = true, paramLabel = "NAME",
            description = "The group, e.g. O(Cd), O(C)^d, O(C)xI_d, translation, C4 (quote it for the shell).")
    String groupName;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "3",
            description = "Random group elements to try (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the random group elements (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--all",
            description = "Try every element of a finite group (translations, C4, D4, P(C)xI_d, identity) "
                    + "instead of --samples random ones.")
    boolean all;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public int run(PrintStream out, PrintStream err) {
        if (samples < 1) {
            throw new CliException("--samples must be at least 1, got " + samples);
        }
        Group group;
        try {
            group = Groups.byName(groupName);
        } catch (IllegalArgumentException e) {
            throw new CliException("--group: " + e.getMessage(), e);
        }
        if (all && !(group instanceof FiniteGroup)) {
            throw new CliException("--all needs a finite group (translation, translation(k), C4, D4, P(C)xI_d, "
                    + "identity), but " + group.name() + " is not one; use --samples");
        }
        if (all && x2 != null) {
            throw new CliException("--all works on --x alone; leave out --x2");
        }
        Ntk4j.init();
        Layer network = CliFiles.network(spec);
        INDArray a1 = CliFiles.array("--x", x);
        INDArray a2 = x2 == null ? a1 : CliFiles.array("--x2", x2);
        InputShape shape = x2 == null ? CliFiles.inputs("--x", x, a1)
                : CliFiles.sameInputs("--x", x, a1, "--x2", x2, a2);
        CliFiles.compile(network, spec, shape);
        try { // checked before any kernel work, so that the error names the group and the data
            if (all) {
                ((FiniteGroup) group).elements(shape);
            } else {
                group.sample(new SplittableRandom(seed), shape);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException("--group " + group.name() + " cannot act on --x " + x + ": " + e.getMessage(), e);
        }

        Deviation d;
        if (!all && group instanceof FiniteGroup finite) {
            int order = finite.order(shape);
            if (samples >= order) { // more samples than elements: every element once, as --all does
                err.println("ntk4j invariance: --samples " + samples + " is at least the order " + order + " of "
                        + group.name() + " on these inputs: trying every element once instead");
                d = x2 == null ? Invariance.overAll(network, finite, a1) : Invariance.overAll(network, finite, a1, a2);
                out.println(json(group.name(), true, seed, d));
                return Main.OK;
            }
        }
        if (all) {
            d = Invariance.overAll(network, (FiniteGroup) group, a1);
        } else {
            d = x2 == null ? Invariance.of(network, group, a1, samples, seed)
                    : Invariance.cross(network, group, a1, a2, samples, seed);
        }
        out.println(json(group.name(), all, seed, d));
        return Main.OK;
    }

    /** {@code {"group":…,"sampling":"random"|"all","seed":…|null,} followed by {@link Deviation#json()}'s fields. */
    static String json(String group, boolean all, long seed, Deviation d) {
        return "{\"group\":" + quote(group) + ",\"sampling\":\"" + (all ? "all" : "random") + "\",\"seed\":"
                + (all ? "null" : Long.toString(seed)) + "," + d.json().substring(1);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}

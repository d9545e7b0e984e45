package org.ntk4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ntk4j.core.GramCheckpoint;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/**
 * {@code ntk4j checkpoint status DIR} and {@code ntk4j checkpoint verify DIR}: what a Gram
 * checkpoint directory ({@code kernel --checkpoint DIR}) holds, every tile checked against its
 * CRC32C checksums; nothing in the directory is changed.
 */
@CommandLine.Command(name = "checkpoint", synopsisSubcommandLabel = "(status | verify)",
        subcommands = {CheckpointCommand.Status.class, CheckpointCommand.Verify.class},
        description = {"Inspect a Gram checkpoint directory (kernel --checkpoint DIR) without changing it.", ""},
        footerHeading = "%n", footer = {"Examples:", "  ntk4j checkpoint status ck", "  ntk4j checkpoint verify ck"})
public final class CheckpointCommand implements Command {
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public int run(PrintStream out, PrintStream err) {
        throw new CliException("checkpoint needs a subcommand: status DIR or verify DIR");
    }

    /** The directory's status, read and checked; a missing or non-checkpoint DIR is a usage error. */
    static GramCheckpoint.Status read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new CliException("checkpoint directory " + dir + " does not exist or is not a directory");
        }
        return GramCheckpoint.status(dir);
    }

    /** {@code ntk4j checkpoint status DIR}. */
    @CommandLine.Command(name = "status", sortOptions = false,
            description = {"Print what a checkpoint directory holds: tiles done of the total, the network and input "
                    + "fingerprints, the precision and settings, and every damaged tile (a file missing, truncated "
                    + "or changed since it was written). Exit code 0 (also with damaged tiles: see verify).", ""})
    static final class Status implements Command {
        @Parameters(paramLabel = "DIR", description = "The checkpoint directory.")
        Path dir;

        @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public int run(PrintStream out, PrintStream err) throws IOException {
            GramCheckpoint.Status s = read(dir);
            out.println("checkpoint " + s.directory() + " (format version " + s.version() + ")");
            out.println("tiles:       " + s.done() + " of " + s.tiles() + " done, " + s.damaged().size() + " damaged");
            out.println("network:     " + s.network() + " (SHA-256 fingerprint)");
            out.println("precision:   " + s.precision());
            out.println("inputs:      N1 = " + s.n1() + ", N2 = " + s.n2() + (s.symmetric() ? " (symmetric, X2 = X1)" : "")
                    + ", input shape " + s.inputShape());
            out.println("X1 SHA-256:  " + s.x1());
            out.println("X2 SHA-256:  " + s.x2());
            out.println("tile size:   " + s.tileSize());
            out.println("kernels:     " + (s.nngpOnly() ? "nngp" : "nngp, ntk"));
            for (String d : s.damaged()) {
                out.println("damaged:     " + d);
            }
            return Main.OK;
        }
    }

    /** {@code ntk4j checkpoint verify DIR}. */
    @CommandLine.Command(name = "verify", sortOptions = false,
            description = {"Check every tile of a checkpoint directory against its checksums. Exit code 0 when no "
                    + "tile is damaged (tiles not computed yet are not damage), 3 when some are (listed on stdout; "
                    + "running the kernel command again computes them anew), 2 when DIR is not a checkpoint or its "
                    + "manifest is damaged.", ""})
    static final class Verify implements Command {
        @Parameters(paramLabel = "DIR", description = "The checkpoint directory.")
        Path dir;

        @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public int run(PrintStream out, PrintStream err) throws IOException {
            GramCheckpoint.Status s = read(dir);
            for (String d : s.damaged()) {
                out.println("damaged: " + d);
            }
            out.println("checkpoint " + s.directory() + ": " + s.done() + " of " + s.tiles() + " tiles intact, "
                    + s.damaged().size() + " damaged" + (s.damaged().isEmpty() ? "" : "; run the kernel command "
                    + "again to compute them anew"));
            return s.damaged().isEmpty() ? Main.OK : Main.CHECK_FAILED;
        }
    }
}

package org.ntk4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code ntk4j} command line: {@code ntk4j COMMAND [OPTIONS]}. Subcommands are the
 * {@link Command} classes listed in {@link #commands()}; options are parsed with picocli.
 *
 * <p>Exit codes: 0 success (and help); 1 an unexpected internal error (stack trace on stderr);
 * 2 a usage error or bad input (one {@code ntk4j: error:} line on stderr); 3 a check that ran and
 * failed ({@code theorem41}: a cell disagrees with the theorem; {@code checkpoint verify}: damaged tiles).
 */
public final class Main {
    /** Exit code for success, help and version output. */
    public static final int OK = 0;
    /** Exit code for an unexpected internal error (a bug): the stack trace is printed. */
    public static final int INTERNAL_ERROR = 1;
    /** Exit code for usage errors and bad input (spec, arrays, files). */
    public static final int USAGE_ERROR = 2;
    /**
     * Exit code for a check that ran and failed: {@code theorem41} when a cell disagrees with the theorem,
     * {@code checkpoint verify} when tiles are damaged.
     */
    public static final int CHECK_FAILED = 3;

    private static final String PREFIX = "ntk4j: error: ";

    private Main() {
    }

    /** The subcommands, freshly made (picocli writes parsed options into their fields). */
    static List<Command> commands() {
        return List.of(new KernelCommand(), new PredictCommand(), new InvarianceCommand(), new Theorem41Command(),
                new CheckpointCommand(), new VersionCommand());
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** Runs {@code ntk4j args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine root = commandLine(out, err);
        try {
            if (args.length > 0 && !args[0].startsWith("-") && !root.getSubcommands().containsKey(args[0])) {
                err.println(PREFIX + "unknown command '" + args[0] + "'; commands: "
                        + String.join(", ", root.getSubcommands().keySet()) + " (see 'ntk4j --help')");
                return USAGE_ERROR;
            }
            ParseResult parsed;
            try {
                parsed = root.parseArgs(args);
                Integer help = CommandLine.executeHelpRequest(parsed); // --help, --version, help [COMMAND]
                if (help != null) {
                    return help;
                }
            } catch (ParameterException e) {
                err.println(PREFIX + oneLine(e.getMessage()) + " (see '"
                        + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
                return USAGE_ERROR;
            }
            ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            if (!(leaf.commandSpec().userObject() instanceof Command command)) {
                root.usage(err, Help.Ansi.OFF);
                return USAGE_ERROR;
            }
            return command.run(out, err);
        } catch (IllegalArgumentException | CliException e) {
            err.println(PREFIX + oneLine(e.getMessage()));
            return USAGE_ERROR;
        } catch (NoSuchFileException e) {
            err.println(PREFIX + "no such file: " + e.getFile());
            return USAGE_ERROR;
        } catch (AccessDeniedException e) {
            err.println(PREFIX + "permission denied: " + e.getFile());
            return USAGE_ERROR;
        } catch (IOException | UncheckedIOException e) {
            err.println(PREFIX + "I/O error: " + oneLine(String.valueOf(e.getMessage())));
            return USAGE_ERROR;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            err.println("ntk4j: internal error (please report it with the command line and this stack trace):");
            e.printStackTrace(err);
            return INTERNAL_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The picocli command tree: the root, the registered subcommands and {@code help}. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine root = new CommandLine(new Root());
        for (Command c : commands()) {
            root.addSubcommand(new CommandLine(c));
        }
        root.addSubcommand(new CommandLine(new CommandLine.HelpCommand()));
        boolean terminal = out == System.out && System.console() != null;
        root.setColorScheme(Help.defaultColorScheme(terminal ? Help.Ansi.AUTO : Help.Ansi.OFF));
        root.setExpandAtFiles(false);
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        return root;
    }

    /** A message on one line: line breaks (and the blanks around them) become one space. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    @CommandLine.Command(name = "ntk4j", mixinStandardHelpOptions = true, versionProvider = Root.Version.class,
            synopsisSubcommandLabel = "COMMAND",
            description = "Infinite-width neural-network kernels (NNGP and NTK) with neural-tangents' conventions.",
            footerHeading = "%n", footer = {"Run 'ntk4j COMMAND --help' for a command's options.",
                "Exit codes: 0 success, 1 internal error, 2 usage error or bad input,",
                "3 check failed (theorem41: a cell disagrees with the theorem;",
                "checkpoint verify: damaged tiles)."})
    static final class Root {
        static final class Version implements CommandLine.IVersionProvider {
            @Override
            public String[] getVersion() {
                return new String[] {BuildInfo.versionLine()};
            }
        }
    }
}

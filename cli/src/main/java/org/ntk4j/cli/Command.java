package org.ntk4j.cli;

import java.io.PrintStream;

/**
 * One subcommand of {@code ntk4j}. An implementation is a picocli {@code @Command}-annotated class
 * whose option fields picocli fills in before {@link #run} is called; {@link Main#commands()} lists
 * them. Errors are reported by throwing: {@link IllegalArgumentException} or {@link CliException}
 * for bad input (exit 2, one line on stderr), {@link java.io.IOException} for I/O failures (exit 2),
 * anything else is a bug (exit 1 with the stack trace).
 */
public interface Command {
    /**
     * Runs the command.
     *
     * @param out where results meant for the user go (stdout)
     * @param err where progress, summaries and diagnostics go (stderr)
     * @return the exit code, 0 on success
     */
    int run(PrintStream out, PrintStream err) throws Exception;
}

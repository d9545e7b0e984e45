package org.ntk4j.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/** {@code ntk4j version}: the ntk4j version and the Java runtime. */
@CommandLine.Command(name = "version", description = "Print the ntk4j version and the Java runtime.")
public final class VersionCommand implements Command {
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public int run(PrintStream out, PrintStream err) {
        out.println(BuildInfo.versionLine());
        out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")");
        return 0;
    }
}

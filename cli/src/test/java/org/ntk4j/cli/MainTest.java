package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.cli.KernelCommandTest.Result;

/** Help, version and command dispatch. */
class MainTest {
    private static Result run(String... args) {
        return KernelCommandTest.run(args);
    }

    @Test
    void helpListsCommands() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}}) {
            Result r = run(args);
            assertEquals(0, r.code());
            assertTrue(r.out().startsWith("Usage: ntk4j"), r.out());
            assertTrue(r.out().contains("kernel") && r.out().contains("version"), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void commandHelpShowsOptions() {
        for (String[] args : new String[][] {{"kernel", "--help"}, {"help", "kernel"}}) {
            Result r = run(args);
            assertEquals(0, r.code());
            assertTrue(r.out().startsWith("Usage: ntk4j kernel"), r.out());
            for (String opt : new String[] {"--spec", "--x1", "--x2", "--out", "--nngp-only", "--threads",
                "--tile-size", "--quiet"}) {
                assertTrue(r.out().contains(opt), opt);
            }
        }
    }

    @Test
    void version() {
        Result r = run("version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("ntk4j "), r.out());
        assertTrue(r.out().contains("Java "), r.out());
        assertEquals(r.out().lines().findFirst().orElseThrow() + "\n", run("--version").out());
    }

    @Test
    void noCommandPrintsUsage() {
        Result r = run();
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Usage: ntk4j"), r.err());
    }

    @Test
    void unknownCommand() {
        run("kernal", "--spec", "x").assertUsageError("unknown command 'kernal'");
    }

    @Test
    void helpForUnknownCommand() {
        run("help", "kernal").assertUsageError("Unknown subcommand 'kernal'");
    }

    @Test
    void unknownRootOption() {
        run("--verbose").assertUsageError("Unknown option: '--verbose'");
    }

    @Test
    void oneLine() {
        assertEquals("a b c", Main.oneLine("a\n  b\r\nc\n"));
        assertEquals("(no message)", Main.oneLine(null));
    }
}

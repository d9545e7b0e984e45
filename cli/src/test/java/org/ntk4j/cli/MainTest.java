package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
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

    /**
     * Every description in every command's help is a valid format string: picocli renders them with
     * {@code String.format}, and a bare {@code %} (as in "10 % smaller") makes it print a "Could not
     * format" warning to the process's stderr, three times, before the help.
     */
    @Test
    void everyHelpTextIsAValidFormatString() {
        CommandLine root = Main.commandLine(System.out, System.err);
        java.util.List<Object> commands = new java.util.ArrayList<>();
        root.getSubcommands().values().forEach(c -> commands.add(c.getCommand()));
        commands.add(root.getCommand());
        int checked = 0;
        for (Object command : commands) {
            java.util.List<String> texts = new java.util.ArrayList<>();
            CommandLine.Command annotation = command.getClass().getAnnotation(CommandLine.Command.class);
            if (annotation != null) {
                texts.addAll(java.util.List.of(annotation.description()));
                texts.addAll(java.util.List.of(annotation.footer()));
            }
            for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
                for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                    CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
                    CommandLine.Parameters parameters = field.getAnnotation(CommandLine.Parameters.class);
                    texts.addAll(java.util.List.of(option != null ? option.description()
                            : parameters != null ? parameters.description() : new String[0]));
                }
            }
            for (String text : texts) {
                assertDoesNotThrow(() -> String.format(text), command.getClass().getSimpleName() + ": " + text);
                checked++;
            }
        }
        assertTrue(checked > 50, "only " + checked + " help texts found");
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

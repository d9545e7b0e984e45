package org.ntk4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs {@code jshell/startup.jsh} and then every snippet of {@code jshell/README-snippets.jsh}
 * through {@link JShell}, in order, one dynamic test per snippet: none may be rejected by the
 * compiler or throw. The snippets run in this JVM ({@code executionEngine("local")}), which
 * already has the test class path and the vector module (surefire's argLine); the compiler gets the
 * class path from surefire's {@code surefire.test.class.path}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JShellSnippetsTest {
    private static final Path STARTUP = Path.of("jshell", "startup.jsh");
    private static final Path SNIPPETS = Path.of("jshell", "README-snippets.jsh");
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private JShell shell;
    /** The value of the last snippet that had one. */
    private String lastValue;

    @BeforeAll
    void startShell() {
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        shell = JShell.builder().executionEngine("local").compilerOptions("--add-modules", "jdk.incubator.vector")
                .out(out).err(out).build();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            shell.addToClasspath(entry);
        }
    }

    @AfterAll
    void closeShell() {
        shell.close();
    }

    @TestFactory
    Stream<DynamicTest> startupThenEverySnippetRuns() throws IOException {
        List<String> all = new ArrayList<>(snippets(Files.readString(STARTUP)));
        int startup = all.size();
        all.addAll(snippets(Files.readString(SNIPPETS)));
        assertTrue(all.size() > startup + 5, "expected the README snippets after the start-up, got " + all);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String src = all.get(i);
            String name = (i < startup ? "startup: " : "snippet: ") + src.lines().findFirst().orElse("");
            tests.add(DynamicTest.dynamicTest(name, () -> eval(src)));
        }
        tests.add(DynamicTest.dynamicTest("the accuracy beats chance", () -> {
            double accuracy = Double.parseDouble(lastValue);
            assertTrue(accuracy > 0.5, "accuracy " + accuracy);
        }));
        return tests.stream();
    }

    /** The complete snippets of {@code source}, comments and blank lines dropped. */
    private List<String> snippets(String source) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        List<String> out = new ArrayList<>();
        String rest = source;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                fail("incomplete snippet (" + info.completeness() + "): " + rest);
            }
            if (!info.source().isBlank()) {
                out.add(info.source());
            }
            rest = info.remaining();
        }
        return out;
    }

    private void eval(String src) {
        for (SnippetEvent e : shell.eval(src)) {
            if (e.status() == Snippet.Status.REJECTED) {
                String why = shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).collect(Collectors.joining("; "));
                fail("rejected: " + src + "\n" + why);
            }
            if (e.exception() != null) {
                fail("threw: " + src + "\n" + e.exception() + "\noutput: " + output, e.exception());
            }
            assertEquals(Snippet.Status.VALID, e.status(), src);
            if (e.value() != null) {
                lastValue = e.value();
            }
        }
    }
}

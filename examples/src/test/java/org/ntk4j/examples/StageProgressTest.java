package org.ntk4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntk4j.core.ConsoleProgressBar;
import org.ntk4j.core.GramProgress;

class StageProgressTest {
    @Test
    void oneBarRunsOnceOverAllBuildsOfTheStage() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        StageProgress stage = new StageProgress(new ConsoleProgressBar(out, false, "GAP")).add(2, 2, true)
                .add(1, 2, false);
        GramProgress first = stage.next();
        first.update(3, 3, 1, 0);
        first.finished(3, 3, 1);
        GramProgress second = stage.next();
        second.update(5, 5, 1, 0);
        second.finished(5, 5, 1);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).contains(" 3/8 entries"), lines.get(0));
        assertTrue(lines.get(1).contains(" 8/8 entries"), lines.get(1));
        assertTrue(lines.get(2).startsWith("GAP: 8/8 entries"), lines.get(2));
        assertEquals(3, lines.size());
    }
}

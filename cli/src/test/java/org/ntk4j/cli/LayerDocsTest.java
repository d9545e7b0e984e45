package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ntk4j.layers.Layers;
import org.ntk4j.layers.spec.LayerType;

/** USAGE.md's table of layer types and the README's layer table name every registered type; USAGE gives every key. */
class LayerDocsTest {
    private static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, start + 1);
        assertTrue(start >= 0 && end > start, "section '" + from + "' not found");
        return text.substring(start, end);
    }

    @Test
    void everyLayerTypeAndKeyIsDocumented() throws IOException {
        String usage = section(Files.readString(Path.of("USAGE.md")), "### Layer types of `--spec`", "\n### ");
        String readme = section(Files.readString(Path.of("..", "README.md")), "| factory (JSON `type`)", "\n\n");
        for (LayerType t : Layers.specTypes()) {
            String name = "`" + t.name() + "`";
            assertTrue(readme.contains(name), "README's layer table lacks " + name);
            String row = usage.lines().filter(l -> l.startsWith("| ") && l.split("\\|")[1].contains(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("USAGE.md's layer table lacks " + name));
            for (String key : t.keys()) {
                assertTrue(row.contains("`" + key + "`"), "USAGE.md's row of " + name + " lacks key `" + key + "`: " + row);
            }
        }
    }
}

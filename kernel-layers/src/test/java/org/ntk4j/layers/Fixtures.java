package org.ntk4j.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.layers.spec.NetworkSpec;

/** The shared reference fixtures (../shared/fixtures): spec, inputs and expected NNGP/NTK. */
public record Fixtures(String name, Layer network, INDArray x1, INDArray x2, INDArray nngp, INDArray ntk) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The fixture directory, from the {@code ntk4j.fixtures} system property set by the build. */
    public static Path dir() {
        String prop = System.getProperty("ntk4j.fixtures");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "fixtures");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("fixture directory not found: " + p.toAbsolutePath()
                    + " (expected ../shared/fixtures beside the repository)");
        }
        return p;
    }

    /** All fixtures, sorted by file name. */
    public static List<Fixtures> all() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(Fixtures::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Fixtures load(Path file) {
        Ntk4j.init();
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            return new Fixtures(root.get("name").asText(), NetworkSpec.fromJson(root.get("spec")), array(root.get("x1")),
                    root.get("x2").isNull() ? null : array(root.get("x2")), array(root.get("nngp")), array(root.get("ntk")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A nested JSON list of numbers as a DOUBLE array of the same shape. */
    public static INDArray array(JsonNode node) {
        List<Long> shape = new ArrayList<>();
        JsonNode cur = node;
        while (cur.isArray()) {
            shape.add((long) cur.size());
            cur = cur.get(0);
        }
        long total = shape.stream().reduce(1L, (a, b) -> a * b);
        double[] data = new double[Math.toIntExact(total)];
        int[] pos = {0};
        fill(node, data, pos);
        return Nd4j.create(data, shape.stream().mapToLong(Long::longValue).toArray(), 'c');
    }

    private static void fill(JsonNode node, double[] data, int[] pos) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                fill(child, data, pos);
            }
        } else {
            data[pos[0]++] = node.asDouble();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

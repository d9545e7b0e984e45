package org.ntk4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

/** Where the tests' fixtures are and how to read their arrays. */
public final class TestFixtures {
    private TestFixtures() {
    }

    /**
     * The shared reference fixtures (neural-tangents outputs), from the {@code ntk4j.fixtures} system
     * property the build sets, else {@code ../../shared/fixtures}; a missing directory is an error that names it.
     */
    public static Path sharedDir() {
        String prop = System.getProperty("ntk4j.fixtures");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "fixtures");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("fixture directory not found: " + p.toAbsolutePath()
                    + " (expected ../shared/fixtures beside the repository)");
        }
        return p;
    }

    /** A test resource as a file, e.g. {@code resource("/npy/f8.npy")}; a missing one is an error that names it. */
    public static Path resource(String name) {
        URL url = TestFixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A nested JSON list of numbers as a DOUBLE array of the same shape. */
    public static INDArray array(JsonNode node) {
        Ntk4j.init();
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
}

package org.ntk4j.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.layers.spec.NetworkSpec;
import org.ntk4j.testkit.TestFixtures;

/** The shared reference fixtures (../shared/fixtures): spec, inputs and expected NNGP/NTK. */
public record Fixtures(String name, Layer network, INDArray x1, INDArray x2, INDArray nngp, INDArray ntk) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** All fixtures, sorted by file name. */
    public static List<Fixtures> all() {
        try (Stream<Path> files = Files.list(TestFixtures.sharedDir())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(Fixtures::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Fixtures load(Path file) {
        Ntk4j.init();
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            return new Fixtures(root.get("name").asText(), NetworkSpec.fromJson(root.get("spec")), TestFixtures.array(root.get("x1")),
                    root.get("x2").isNull() ? null : TestFixtures.array(root.get("x2")), TestFixtures.array(root.get("nngp")), TestFixtures.array(root.get("ntk")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

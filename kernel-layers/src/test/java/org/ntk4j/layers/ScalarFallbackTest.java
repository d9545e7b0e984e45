package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.Precision;
import org.ntk4j.core.Simd;
import org.ntk4j.core.io.Npy;
import org.ntk4j.testkit.Seeded;

/**
 * The scalar fallback: a JVM started without {@code --add-modules jdk.incubator.vector} (or with
 * {@code -Dntk4j.scalar=true}) takes the scalar loops and computes the same kernels, bit for bit, as
 * this JVM's SIMD loops, in float64 and float32.
 */
class ScalarFallbackTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void init() {
        Ntk4j.init();
    }

    /**
     * A pooled CNN of fixture size that runs every vectorised loop: SAME and CIRCULAR stencils, the
     * arc-cosine (ReLU, LeakyReLU) and Erf kernels, average pooling and a global average.
     */
    static Layer network() {
        return serial(conv(1, 3, 3).padding(SAME).wStd(1.5).bStd(0.1), relu(),
                conv(1, 3, 3).padding(CIRCULAR).wStd(1.3).bStd(0.05), leakyRelu(0.2),
                conv(1, 2, 2).wStd(1.2), erf(),
                avgPool(2, 2).padding(SAME), conv(1, 3, 3).padding(SAME).wStd(1.4), relu(),
                globalAvgPool(), dense(1, 1.5, 0.1));
    }

    /** Seeded inputs (5, 9, 9, 3). */
    static INDArray inputs() {
        return Seeded.gaussian(77, 5, 9, 9, 3);
    }

    /**
     * Run in a forked JVM: writes {@code Simd.ENABLED} to {@code DIR/simd.txt} and the kernels of
     * {@link #network()} on {@link #inputs()} in both precisions to {@code DIR/*.npy}.
     */
    public static void main(String[] args) throws IOException {
        Ntk4j.init();
        Path out = Path.of(args[0]);
        Files.writeString(out.resolve("simd.txt"), Boolean.toString(Simd.ENABLED));
        for (Precision p : Precision.values()) {
            Kernel k = Gram.of(network().withPrecision(p)).threads(1).compute(inputs());
            Npy.write(out.resolve("nngp-" + p + ".npy"), k.nngp());
            Npy.write(out.resolve("ntk-" + p + ".npy"), k.ntk());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"without the jdk.incubator.vector module", "with -Dntk4j.scalar=true"})
    void scalarPathIsTakenAndGivesTheSimdPathsNumbers(String how) throws Exception {
        assertTrue(Simd.ENABLED, "the test JVM runs the SIMD loops (surefire adds the module)");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        if (how.startsWith("with ")) {
            command.addAll(List.of("--add-modules=jdk.incubator.vector", "-Dntk4j.scalar=true"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScalarFallbackTest.class.getName(),
                dir.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        String log = Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), log);
        assertEquals("false", Files.readString(dir.resolve("simd.txt")), "the child took the scalar path");
        assertEquals(how.startsWith("with "), log.contains("WARNING: Using incubator modules"), log);

        for (Precision p : Precision.values()) {
            Kernel simd = Gram.of(network().withPrecision(p)).threads(1).compute(inputs());
            assertArrayEquals(simd.nngp().data().asDouble(), Npy.read(dir.resolve("nngp-" + p + ".npy")).data()
                    .asDouble(), 0.0, "nngp " + p);
            assertArrayEquals(simd.ntk().data().asDouble(), Npy.read(dir.resolve("ntk-" + p + ".npy")).data()
                    .asDouble(), 0.0, "ntk " + p);
        }
    }
}

package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.cli.KernelCommandTest.CNN_GAP;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.GramProgress;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.Precision;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.spec.NetworkSpec;
import org.ntk4j.testkit.Seeded;

/** {@link SparkGrams}: local[2] builds give the local builder's bits, share its checkpoints, report progress. */
class SparkGramsTest {
    @BeforeAll
    static void init() {
        Ntk4j.init();
    }

    @Test
    void buildsGiveTheLocalBuildersBitsAndResumeItsCheckpoints(@TempDir Path dir) {
        INDArray x1 = Seeded.gaussian(1, 7, 4, 4, 2);
        INDArray x2 = Seeded.gaussian(2, 5, 4, 4, 2);
        Layer net = NetworkSpec.parse(CNN_GAP);
        Kernel symmetric = Gram.of(net).threads(1).checkpoint(dir.resolve("sym")).compute(x1);
        Kernel cross = Gram.of(net).threads(1).compute(x2, x1);
        Kernel float32 = Gram.of(net.withPrecision(Precision.FLOAT32)).threads(1).compute(x2, x1);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong done = new AtomicLong(-1);
        try (SparkGrams spark = SparkGrams.open("local[2]", Map.of(), "SparkGramsTest",
                new PrintStream(err, true, StandardCharsets.UTF_8))) {
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("SparkGramsTest: spark local[2]"),
                    err.toString(StandardCharsets.UTF_8));
            GramProgress p = new GramProgress() {
                @Override
                public void update(long d, long total, double rate, double eta) {
                }

                @Override
                public void finished(long d, long total, double seconds) {
                    done.set(d == total ? d : -2);
                }
            };
            Kernel s = spark.build(CNN_GAP, Precision.FLOAT64, x1, null, dir.resolve("sym"), p);
            assertEquals(7 * 8 / 2, done.get());
            assertBits(symmetric, s);
            assertBits(cross, spark.build(CNN_GAP, Precision.FLOAT64, x2, x1, dir.resolve("cross"), null));
            assertBits(float32, spark.build(CNN_GAP, Precision.FLOAT32, x2, x1, null, null));
        }
        // The Spark build's tiles resume locally.
        assertBits(cross, Gram.of(net).threads(1).checkpoint(dir.resolve("cross")).compute(x2, x1));
    }

    @Test
    void anUnreachableMasterIsAnIllegalArgumentNamingIt() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SparkGrams.open("spark://127.0.0.1:1", Map.of(), "SparkGramsTest", null));
        assertTrue(e.getMessage().startsWith("--spark spark://127.0.0.1:1"), e.getMessage());
    }

    private static void assertBits(Kernel expected, Kernel actual) {
        assertArrayEquals(expected.nngp().data().asDouble(), actual.nngp().data().asDouble());
        assertArrayEquals(expected.ntk().data().asDouble(), actual.ntk().data().asDouble());
    }
}

package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.spark.Fixtures.gaussian;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.layers.spec.NetworkSpec;

/** Unreachable masters, tile directories of other builds and specs executors cannot parse: clear errors, no hang. */
class SparkGramBadInputTest {
    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
    }

    @Test
    void unreachableMasterFailsFastNamingTheUrl() {
        long start = System.nanoTime();
        // port 1 on the loopback address: nothing listens there, the connection is refused at once
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkMaster.connect("spark://127.0.0.1:1", "t", Map.of(), Duration.ofSeconds(5)));
        double seconds = (System.nanoTime() - start) / 1e9;

        assertTrue(e.getMessage().contains("cannot reach the Spark master spark://127.0.0.1:1"), e.getMessage());
        assertTrue(seconds < 10, "failed after " + seconds + " s");
    }

    @Test
    void notAMasterUrlIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkMaster.connect("sprak://host:7077", "t", Map.of(), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().startsWith("not a Spark master URL: sprak://host:7077"), e.getMessage());
    }

    @Test
    void tileDirectoryOfAnotherNetworkOrOtherInputsIsRefused() {
        INDArray x = gaussian(21, 6, 4, 4, 2);
        Gram.of(NetworkSpec.parse(Fixtures.CNN_GAP)).tileSize(3).checkpoint(dir).compute(x);
        String otherNet = Fixtures.CNN_GAP.replace("\"W_std\": 1.3", "\"W_std\": 1.2");

        IllegalArgumentException net = assertThrows(IllegalArgumentException.class,
                () -> SparkGram.of(sc, otherNet).tileSize(3).tileDirectory(dir).kernel(x));
        IllegalArgumentException inputs = assertThrows(IllegalArgumentException.class,
                () -> SparkGram.of(sc, Fixtures.CNN_GAP).tileSize(3).tileDirectory(dir).kernel(gaussian(22, 6, 4, 4, 2)));

        assertTrue(net.getMessage().contains("is of another build: network (fingerprint)"), net.getMessage());
        assertTrue(inputs.getMessage().contains("is of another build: inputs X1 (SHA-256)"), inputs.getMessage());
    }

    @Test
    void specTheDriverCannotParseIsRefusedBeforeAnyJob() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkGram.of(sc, "{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}, {\"type\": \"Softmax\"}]}"));
        assertTrue(e.getMessage().startsWith("network spec: ") && e.getMessage().contains("Softmax"), e.getMessage());
    }

    @Test
    void specTheExecutorsCannotParseFailsTheJobWithTheirError() {
        INDArray x = gaussian(23, 5, 6);
        String unknownToExecutors = "{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}, {\"type\": \"Mish\"}]}";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkGram.of(sc, Fixtures.FCN).tileSize(3).shipSpec(unknownToExecutors).kernel(x));

        assertTrue(e.getMessage().startsWith("executor cannot parse the network spec: "), e.getMessage());
        assertTrue(e.getMessage().contains("Mish"), e.getMessage());
    }

    @Test
    void executorsParsingTheSpecIntoAnotherNetworkAreRefused() {
        INDArray x = gaussian(24, 5, 6);
        String other = Fixtures.FCN.replace("\"W_std\": 1.2", "\"W_std\": 1.1");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkGram.of(sc, Fixtures.FCN).tileSize(3).shipSpec(other).kernel(x));

        assertTrue(e.getMessage().startsWith("executor parses the network spec into another network than the driver"),
                e.getMessage());
    }
}

package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.spark.Fixtures.gaussian;
import static org.ntk4j.testkit.KernelAsserts.assertBitIdentical;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.GramCheckpoint;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Precision;
import org.ntk4j.core.io.Npy;
import org.ntk4j.layers.spec.NetworkSpec;

/** Spark Grams on local[2] equal the local builder's bit for bit, assembled on the driver or written as tiles. */
class SparkGramTest {
    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
    }

    private static String spec(String name) {
        return switch (name) {
            case "cnn-gap" -> Fixtures.CNN_GAP;
            case "fcn" -> Fixtures.FCN;
            case "conv-no-readout" -> Fixtures.CONV_NO_READOUT;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static INDArray inputs(String name, long seed, int n) {
        return switch (name) {
            case "cnn-gap" -> gaussian(seed, n, 4, 4, 2);
            case "fcn" -> gaussian(seed, n, 6);
            default -> gaussian(seed, n, 3, 3, 2);
        };
    }

    @ParameterizedTest(name = "{0}, symmetric={1}, ntk={2}, tile={3}, tiles per task={4}")
    @CsvSource({
        "cnn-gap, true, true, 3, 2",
        "cnn-gap, false, true, 3, 1",
        "cnn-gap, true, false, 4, 4",
        "fcn, true, true, 4, 1",
        "fcn, false, true, 3, 2",
        "fcn, true, false, 5, 1",
        "conv-no-readout, true, true, 3, 2",
        "conv-no-readout, false, false, 2, 3"})
    void sparkGramIsBitIdenticalToTheLocalBuilder(String net, boolean symmetric, boolean ntk, int tile, int perTask) {
        INDArray x1 = inputs(net, 1, 10);
        INDArray x2 = symmetric ? x1 : inputs(net, 2, 7);
        Gram local = Gram.of(NetworkSpec.parse(spec(net))).threads(2).tileSize(tile);
        SparkGram spark = SparkGram.of(sc, spec(net)).tileSize(tile).tilesPerTask(perTask);
        if (!ntk) {
            local = local.nngpOnly();
            spark = spark.nngpOnly();
        }
        Kernel expected = local.compute(x1, x2);

        SparkGramResult result = spark.compute(SparkInputs.of(x1, x2));

        assertBitIdentical(expected, result.kernel());
        assertEquals(result.tiles(), result.computed());
        assertEquals(0, result.restored());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cnn-gap", "fcn"})
    void float32SparkGramIsBitIdenticalToTheLocalFloat32Builder(String net) {
        INDArray x1 = inputs(net, 7, 9), x2 = inputs(net, 8, 6);
        Gram local = Gram.of(NetworkSpec.parse(spec(net)).withPrecision(Precision.FLOAT32)).tileSize(4);
        SparkGram spark = SparkGram.of(sc, spec(net)).precision(Precision.FLOAT32).tileSize(4);

        assertBitIdentical(local.compute(x1, x2), spark.compute(SparkInputs.of(x1, x2)).kernel());
        assertBitIdentical(local.compute(x1), spark.compute(SparkInputs.of(x1)).kernel());
    }

    @ParameterizedTest(name = "{0}, symmetric={1}")
    @CsvSource({"cnn-gap, true", "fcn, false", "conv-no-readout, true"})
    void tilesWrittenBySparkAssembleToTheLocalBuildersGram(String net, boolean symmetric) throws Exception {
        INDArray x1 = inputs(net, 3, 9);
        INDArray x2 = symmetric ? x1 : inputs(net, 4, 5);
        Kernel expected = Gram.of(NetworkSpec.parse(spec(net))).threads(2).tileSize(3).compute(x1, x2);

        SparkGramResult result = SparkGram.of(sc, spec(net)).tileSize(3).tileDirectory(dir)
                .writeTiles(SparkInputs.of(x1, x2));

        assertNull(result.kernel());
        assertEquals(result.tiles(), result.computed());
        assertBitIdentical(expected, GramCheckpoint.assemble(dir));
    }

    @Test
    void inputsReadFromASharedPathGiveTheSameGram() throws Exception {
        INDArray x1 = inputs("cnn-gap", 5, 8);
        INDArray x2 = inputs("cnn-gap", 6, 6);
        Path f1 = dir.resolve("x1.npy"), f2 = dir.resolve("x2.npy");
        Npy.write(f1, x1);
        Npy.write(f2, x2);
        Gram local = Gram.of(NetworkSpec.parse(Fixtures.CNN_GAP)).tileSize(4);

        Kernel cross = SparkGram.of(sc, Fixtures.CNN_GAP).tileSize(4).compute(SparkInputs.shared(f1, f2)).kernel();
        Kernel sym = SparkGram.of(sc, Fixtures.CNN_GAP).tileSize(4).compute(SparkInputs.shared(f1, null)).kernel();

        assertBitIdentical(local.compute(x1, x2), cross);
        assertBitIdentical(local.compute(x1), sym);
    }

    @Test
    void progressCountsTilesUpToTheTotalWithAnEta() {
        INDArray x = inputs("cnn-gap", 7, 12);
        List<SparkGramStatus> updates = new ArrayList<>();
        List<SparkGramStatus> finished = new ArrayList<>();
        SparkGramProgress listener = new SparkGramProgress() {
            @Override
            public void update(SparkGramStatus s) {
                updates.add(s);
            }

            @Override
            public void finished(SparkGramStatus s) {
                finished.add(s);
            }
        };

        SparkGram.of(sc, Fixtures.CNN_GAP).tileSize(3).tilesPerTask(4).progress(listener).kernel(x);

        // 4 rows of tiles, 4 + 3 + 2 + 1 tiles; up to 4 tiles of one row per task: one task per row
        assertEquals(1 + 4, updates.size(), "one report after reading the tile directory, one per task");
        for (int i = 1; i < updates.size(); i++) {
            assertTrue(updates.get(i).tilesDone() > updates.get(i - 1).tilesDone(), "reports go forward");
        }
        SparkGramStatus last = updates.get(updates.size() - 1);
        assertEquals(10, last.tilesTotal());
        assertEquals(10, last.tilesDone());
        assertEquals(12 * 13 / 2, last.entriesTotal());
        assertEquals(last.entriesTotal(), last.entriesDone());
        assertEquals(0.0, last.etaSeconds());
        assertTrue(Double.isInfinite(updates.get(0).etaSeconds()), "no ETA before a tile is done");
        assertEquals(1, finished.size());
        String bar = new TileProgressBar(System.err, false, "spark").line(updates.get(2));
        assertTrue(bar.contains("/10 tiles (0 restored)") && bar.contains("ETA"), bar);
    }
}

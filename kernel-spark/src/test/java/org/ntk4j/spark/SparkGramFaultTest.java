package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.spark.Fixtures.gaussian;
import static org.ntk4j.testkit.KernelAsserts.assertBitIdentical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.GramCheckpoint;
import org.ntk4j.core.Kernel;
import org.ntk4j.layers.spec.NetworkSpec;

/** Failed tasks retried, stopped jobs resumed, and tile directories shared with the local builder. */
class SparkGramFaultTest {
    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
    }

    private static long storedTiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("nngp-")).count();
        }
    }

    /** Deletes a tile's files and its checksum file, as if the build had stopped before computing it. */
    static void deleteTile(Path dir, int row, int col) throws IOException {
        Files.delete(dir.resolve(String.format("nngp-%05d-%05d.npy", row, col)));
        Files.delete(dir.resolve(String.format("ntk-%05d-%05d.npy", row, col)));
        Files.delete(dir.resolve(String.format("crc32c-%05d-%05d.txt", row, col)));
    }

    @Test
    void tasksFailingOnTheirFirstAttemptAreRetriedAndTheGramIsUnchanged() {
        INDArray x = gaussian(11, 10, 4, 4, 2);
        Kernel expected = Gram.of(NetworkSpec.parse(Fixtures.CNN_GAP)).tileSize(3).compute(x);

        // 10 tiles in units of 2 tiles: 0 = (0,0)(0,1), 1 = (0,2)(0,3), 2 = (1,1)(1,2), ...
        SparkGramResult result = SparkGram.of(sc, Fixtures.CNN_GAP).tileSize(3).tilesPerTask(2)
                .failFirstAttempt(1, 3).compute(SparkInputs.of(x));

        assertBitIdentical(expected, result.kernel());
    }

    @Test
    void aRetriedTaskRestoresTheTilesItsFailedAttemptWrote() {
        INDArray x = gaussian(12, 10, 6);
        Kernel expected = Gram.of(NetworkSpec.parse(Fixtures.FCN)).tileSize(3).compute(x);

        // fully connected: one unit per panel of up to 256 rows, here all 4 rows of tiles; it fails after its
        // first tile
        java.util.List<SparkGramStatus> seen = new java.util.ArrayList<>();
        java.util.List<String> warnings = new java.util.ArrayList<>();
        SparkGramProgress listener = new SparkGramProgress() {
            @Override
            public void update(SparkGramStatus s) {
            }

            @Override
            public void finished(SparkGramStatus s) {
                seen.add(s);
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        };
        SparkGramResult result = SparkGram.of(sc, Fixtures.FCN).tileSize(3).tileDirectory(dir).failFirstAttempt(0)
                .progress(listener).compute(SparkInputs.of(x));

        assertBitIdentical(expected, result.kernel());
        assertEquals(1, result.tasks());
        assertEquals(1, result.restored(), "the first tile of the failed unit is restored by its retry");
        assertEquals(result.tiles() - 1, result.computed());
        // the progress counts the executor's restored tile as the summary does, in tiles and in entries (the
        // first tile of the upper triangle: a diagonal tile of 3 rows, 6 entries)
        SparkGramStatus last = seen.get(0);
        assertEquals(1, last.tilesRestored());
        assertEquals(6, last.entriesRestored());
        assertEquals(10 * 11 / 2, last.entriesDone());
        // local[N]: the executor is the driver's JVM, which runs with the Vector API (surefire's argLine)
        assertEquals(java.util.List.of(), result.scalarExecutors());
        assertEquals(java.util.List.of(), warnings);
    }

    @Test
    void aStoppedJobResumesFromItsFinishedTiles() throws Exception {
        INDArray x1 = gaussian(13, 9, 4, 4, 2);
        INDArray x2 = gaussian(14, 7, 4, 4, 2);
        Kernel expected = Gram.of(NetworkSpec.parse(Fixtures.CNN_GAP)).tileSize(3).compute(x1, x2);
        SparkGram gram = SparkGram.of(sc, Fixtures.CNN_GAP).tileSize(3).tilesPerTask(1).tileDirectory(dir);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> gram.failAlways(6).compute(SparkInputs.of(x1, x2)));
        assertTrue(e.getMessage().contains("injected failure in unit 6"), e.getMessage());
        long stored = storedTiles(dir);
        assertTrue(stored > 0 && stored < 9, stored + " of 9 tiles stored");

        SparkGramResult resumed = gram.compute(SparkInputs.of(x1, x2));

        assertBitIdentical(expected, resumed.kernel());
        assertEquals(stored, resumed.restored(), "finished tiles are restored, not computed");
        assertEquals(9 - stored, resumed.computed());
        assertBitIdentical(expected, GramCheckpoint.assemble(dir));
    }

    @Test
    void sparkResumesALocalCheckpoint() throws Exception {
        INDArray x = gaussian(15, 11, 4, 4, 2);
        Kernel expected = Gram.of(NetworkSpec.parse(Fixtures.CNN_GAP)).threads(2).tileSize(4).checkpoint(dir)
                .compute(x);
        deleteTile(dir, 0, 2);
        deleteTile(dir, 1, 1);

        SparkGramResult result = SparkGram.of(sc, Fixtures.CNN_GAP).tileSize(4).tileDirectory(dir)
                .writeTiles(SparkInputs.of(x));

        assertEquals(2, result.computed());
        assertEquals(4, result.restored());
        assertBitIdentical(expected, GramCheckpoint.assemble(dir));
    }

    @Test
    void theLocalBuilderResumesASparkTileDirectory() throws Exception {
        INDArray x = gaussian(16, 13, 6);
        SparkGram spark = SparkGram.of(sc, Fixtures.FCN).tileSize(4).tileDirectory(dir);
        Kernel expected = spark.compute(SparkInputs.of(x)).kernel();
        deleteTile(dir, 0, 3);
        deleteTile(dir, 2, 2);
        assertFalse(Files.exists(dir.resolve("nngp-00002-00002.npy")));

        Kernel local = Gram.of(NetworkSpec.parse(Fixtures.FCN)).threads(2).tileSize(4).checkpoint(dir).compute(x);

        assertBitIdentical(expected, local);
        assertTrue(Files.exists(dir.resolve("nngp-00002-00002.npy")), "the local builder wrote the missing tile");
        assertBitIdentical(expected, GramCheckpoint.assemble(dir));
    }
}

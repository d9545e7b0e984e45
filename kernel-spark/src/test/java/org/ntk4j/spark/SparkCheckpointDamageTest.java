package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.spark.Fixtures.gaussian;
import static org.ntk4j.testkit.KernelAsserts.assertBitIdentical;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.GramCheckpoint;
import org.ntk4j.core.Kernel;
import org.ntk4j.layers.spec.NetworkSpec;

/**
 * Damaged tile directories on the Spark path: a damaged tile of a local checkpoint or of a Spark tile
 * directory is found by its checksums on the driver (assembling or writing tiles only), reported by
 * one warning line, computed again by an executor, and the Gram is bit-identical; a damaged manifest
 * is refused.
 */
class SparkCheckpointDamageTest {
    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @TempDir
    Path other;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
    }

    /** The damage tile (0, 1) of a tile directory suffers. */
    enum TileDamage {
        FLIPPED_BYTES, TRUNCATED, DELETED, ZERO_LENGTH, WRONG_SHAPE, FOREIGN_TILE_AND_CHECKSUMS, FOREIGN_TILE,
        DELETED_CHECKSUMS;

        /** Damages tile (0, 1) of {@code dir}; {@code foreign} is a complete directory of another build. */
        void apply(Path dir, Path foreign) throws IOException {
            Path nngp = dir.resolve("nngp-00000-00001.npy");
            switch (this) {
                case FLIPPED_BYTES -> {
                    byte[] b = Files.readAllBytes(nngp);
                    b[b.length - 3] ^= 0x01;
                    Files.write(nngp, b);
                }
                case TRUNCATED -> {
                    byte[] b = Files.readAllBytes(nngp);
                    Files.write(nngp, Arrays.copyOf(b, b.length / 2));
                }
                case DELETED -> Files.delete(nngp);
                case ZERO_LENGTH -> Files.write(nngp, new byte[0]);
                case WRONG_SHAPE -> Files.copy(dir.resolve("nngp-00000-00003.npy"), nngp,
                        StandardCopyOption.REPLACE_EXISTING);
                case FOREIGN_TILE_AND_CHECKSUMS -> {
                    for (String f : List.of("nngp-00000-00001.npy", "ntk-00000-00001.npy", "crc32c-00000-00001.txt")) {
                        Files.copy(foreign.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                case FOREIGN_TILE -> Files.copy(foreign.resolve("nngp-00000-00001.npy"), nngp,
                        StandardCopyOption.REPLACE_EXISTING);
                case DELETED_CHECKSUMS -> Files.delete(dir.resolve("crc32c-00000-00001.txt"));
                default -> throw new AssertionError(this);
            }
        }
    }

    /** The lines starting {@code ntk4j: warning:} that {@code action} writes to System.err (the executors' too). */
    private static <T> T withWarnings(Supplier<T> action, List<String> warnings) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return action.get();
        } finally {
            System.setErr(saved);
            buf.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("ntk4j: warning:"))
                    .forEach(warnings::add);
        }
    }

    private void assertOneWarningForTile01(List<String> warnings) {
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("ntk4j: warning: checkpoint " + dir + ": tile (0, 1) is damaged ("),
                warnings.get(0));
    }

    /** x1 of 7 and x2 of 10 pooled-CNN inputs in tiles of 3: 3 × 4 tiles, (0, 3) one column wide. */
    private static final INDArray X1 = gaussian(31, 7, 4, 4, 2);
    private static final INDArray X2 = gaussian(32, 10, 4, 4, 2);

    private static SparkGram spark(Path dir) {
        return SparkGram.of(sc, Fixtures.CNN_GAP).tileSize(3).tilesPerTask(2).tileDirectory(dir);
    }

    @ParameterizedTest
    @EnumSource(TileDamage.class)
    void sparkAssemblingResumesALocalCheckpointWithADamagedTile(TileDamage damage) throws IOException {
        Gram local = Gram.of(NetworkSpec.parse(Fixtures.CNN_GAP)).threads(2).tileSize(3);
        Kernel expected = local.checkpoint(dir).compute(X1, X2);
        local.checkpoint(other).compute(gaussian(33, 7, 4, 4, 2), X2);
        damage.apply(dir, other);

        List<String> warnings = new java.util.ArrayList<>();
        SparkGramResult r = withWarnings(() -> spark(dir).compute(SparkInputs.of(X1, X2)), warnings);

        assertBitIdentical(expected, r.kernel());
        assertEquals(1, r.computed(), "only the damaged tile is computed");
        assertOneWarningForTile01(warnings);
        assertEquals(List.of(), GramCheckpoint.status(dir).damaged());
    }

    @ParameterizedTest
    @EnumSource(TileDamage.class)
    void sparkWritingTilesOnlyRecomputesADamagedTileOfItsOwnDirectory(TileDamage damage) throws IOException {
        Kernel expected = spark(dir).compute(SparkInputs.of(X1, X2)).kernel();
        spark(other).writeTiles(SparkInputs.of(gaussian(33, 7, 4, 4, 2), X2));
        damage.apply(dir, other);

        List<String> warnings = new java.util.ArrayList<>();
        SparkGramResult r = withWarnings(() -> spark(dir).writeTiles(SparkInputs.of(X1, X2)), warnings);

        assertEquals(1, r.computed(), "only the damaged tile is computed");
        assertOneWarningForTile01(warnings);
        assertBitIdentical(expected, GramCheckpoint.assemble(dir));
    }

    @Test
    void theLocalBuilderRecomputesADamagedTileOfASparkDirectory() throws IOException {
        Kernel expected = spark(dir).compute(SparkInputs.of(X1, X2)).kernel();
        TileDamage.FLIPPED_BYTES.apply(dir, null);

        List<String> warnings = new java.util.ArrayList<>();
        Kernel local = withWarnings(() -> Gram.of(NetworkSpec.parse(Fixtures.CNN_GAP)).threads(2).tileSize(3)
                .checkpoint(dir).compute(X1, X2), warnings);

        assertBitIdentical(expected, local);
        assertOneWarningForTile01(warnings);
    }

    @Test
    void aDamagedManifestIsRefusedByTheDriver() throws IOException {
        spark(dir).writeTiles(SparkInputs.of(X1, X2));
        Path manifest = dir.resolve(GramCheckpoint.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"tileSize\" : 3", "\"tileSize\" : 4"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spark(dir).compute(SparkInputs.of(X1, X2)));
        assertEquals(manifest + " is damaged: its content does not match its checksum", e.getMessage()
                .substring(0, e.getMessage().indexOf(" checksum ") + " checksum".length()));

        Files.writeString(manifest, "{\"format\": \"ntk4j-gram-checkpoint\", \"vers");
        e = assertThrows(IllegalArgumentException.class, () -> spark(dir).writeTiles(SparkInputs.of(X1, X2)));
        assertTrue(e.getMessage().startsWith(manifest + " is not a Gram checkpoint manifest"), e.getMessage());
    }
}

package org.ntk4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.testkit.KernelAsserts.assertBitIdentical;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Damaged checkpoints: every kind of damage to a finished tile is found by its checksums, reported by
 * one warning line naming the tile, and the tile computed again, bit-identical; a damaged manifest is
 * refused with a clear message.
 */
class GramCheckpointDamageTest {
    private static final int TILE = 3;

    @TempDir
    Path dir;

    @TempDir
    Path other;

    @BeforeAll
    static void init() {
        Ntk4j.init();
    }

    /** The kinds of damage a finished tile (row 0, column 1) suffers, in the checkpoint {@code dir}. */
    enum TileDamage {
        FLIPPED_BYTES, TRUNCATED, DELETED, ZERO_LENGTH, WRONG_SHAPE, FOREIGN_TILE_AND_CHECKSUMS, FOREIGN_TILE,
        DELETED_CHECKSUMS, FLIPPED_CHECKSUMS;

        /**
         * Damages tile (0, 1) of {@code dir}; {@code foreign} is a complete checkpoint of another build
         * of the same layout (other inputs), for the foreign kinds.
         */
        void apply(Path dir, Path foreign) throws IOException {
            Path nngp = dir.resolve("nngp-00000-00001.npy");
            Path sums = dir.resolve("crc32c-00000-00001.txt");
            switch (this) {
                case FLIPPED_BYTES -> {
                    byte[] b = Files.readAllBytes(nngp);
                    for (int i = b.length - 20; i < b.length - 17; i++) {
                        b[i] ^= 0x5a;
                    }
                    Files.write(nngp, b);
                }
                case TRUNCATED -> {
                    byte[] b = Files.readAllBytes(nngp);
                    Files.write(nngp, java.util.Arrays.copyOf(b, b.length - 8));
                }
                case DELETED -> Files.delete(nngp);
                case ZERO_LENGTH -> Files.write(nngp, new byte[0]);
                // the last tile of row 0 covers one column only: a valid .npy array of another shape
                case WRONG_SHAPE -> Files.copy(dir.resolve("nngp-00000-00003.npy"), nngp,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                case FOREIGN_TILE_AND_CHECKSUMS -> {
                    for (String f : List.of("nngp-00000-00001.npy", "ntk-00000-00001.npy", "crc32c-00000-00001.txt")) {
                        Files.copy(foreign.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                case FOREIGN_TILE -> Files.copy(foreign.resolve("nngp-00000-00001.npy"), nngp,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                case DELETED_CHECKSUMS -> Files.delete(sums);
                case FLIPPED_CHECKSUMS -> {
                    String s = Files.readString(sums);
                    Files.writeString(sums, s.replace(" 0 1\n", " 0 2\n"));
                }
                default -> throw new AssertionError(this);
            }
        }
    }

    /** What {@code action} writes to System.err, one string. */
    static String stderrOf(Callable<?> action) throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            action.call();
        } finally {
            System.setErr(saved);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(TileDamage.class)
    void damagedTileIsReportedOnceAndComputedAgainBitIdentical(TileDamage damage) throws Exception {
        INDArray x1 = GramCheckpointTest.inputs(7, 21), x2 = GramCheckpointTest.inputs(10, 22);
        Gram gram = Gram.of(new CountingKernel(1.5, true)).threads(2).tileSize(TILE);
        Kernel expected = gram.checkpoint(dir).compute(x1, x2);
        gram.checkpoint(other).compute(GramCheckpointTest.inputs(7, 23), x2);
        damage.apply(dir, other);

        CountingKernel counting = new CountingKernel(1.5, true);
        Kernel[] resumed = new Kernel[1];
        String err = stderrOf(() -> resumed[0] = Gram.of(counting).threads(2).tileSize(TILE).checkpoint(dir)
                .compute(x1, x2));

        assertBitIdentical(expected, resumed[0]);
        assertEquals(TILE * TILE, counting.pairs.get(), "only the damaged tile is computed again");
        List<String> lines = err.lines().filter(l -> l.startsWith("ntk4j: warning:")).toList();
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).contains("checkpoint " + dir + ": tile (0, 1) is damaged ("), lines.get(0));
        assertTrue(lines.get(0).endsWith("; computing it again"), lines.get(0));
        GramCheckpoint.Status status = GramCheckpoint.status(dir);
        assertEquals(List.of(), status.damaged(), "the recomputed tile is intact");
        assertEquals(status.tiles(), status.done());
        assertBitIdentical(expected, GramCheckpoint.assemble(dir));
    }

    @ParameterizedTest
    @EnumSource(TileDamage.class)
    void statusListsTheDamagedTileAndAssembleRefusesIt(TileDamage damage) throws Exception {
        INDArray x1 = GramCheckpointTest.inputs(7, 21), x2 = GramCheckpointTest.inputs(10, 22);
        Gram gram = Gram.of(new CountingKernel(1.5, true)).tileSize(TILE);
        gram.checkpoint(dir).compute(x1, x2);
        gram.checkpoint(other).compute(GramCheckpointTest.inputs(7, 23), x2);
        damage.apply(dir, other);

        GramCheckpoint.Status status = GramCheckpoint.status(dir);
        assertEquals(12, status.tiles());
        assertEquals(11, status.done());
        assertEquals(1, status.damaged().size(), status.damaged().toString());
        assertTrue(status.damaged().get(0).startsWith("tile (0, 1): "), status.damaged().get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GramCheckpoint.assemble(dir));
        assertTrue(e.getMessage().contains("1 of 12 tiles missing or damaged, the first tile (0, 1) damaged: "),
                e.getMessage());
        assertEquals(GramCheckpoint.status(dir), status, "status and assemble change nothing");
    }

    @Test
    void statusReportsTheManifestAndTilesNotYetComputedAreNotDamage() throws Exception {
        INDArray x = GramCheckpointTest.inputs(7, 24);
        Gram gram = Gram.of(new CountingKernel(1.5, false)).nngpOnly().tileSize(TILE).checkpoint(dir);
        gram.compute(x);
        for (String f : List.of("nngp-00001-00002.npy", "crc32c-00001-00002.txt")) {
            Files.delete(dir.resolve(f)); // as if the build had been stopped before this tile
        }

        GramCheckpoint.Status s = GramCheckpoint.status(dir);

        assertEquals(6, s.tiles());
        assertEquals(5, s.done());
        assertEquals(List.of(), s.damaged());
        assertEquals(2, s.version());
        assertEquals(new CountingKernel(1.5, false).fingerprint(), s.network());
        assertEquals("float64", s.precision());
        assertEquals(s.x1(), s.x2());
        assertEquals(64, s.x1().length());
        assertEquals(7, s.n1());
        assertTrue(s.symmetric() && s.nngpOnly());
        String err = stderrOf(() -> gram.compute(x));
        assertEquals("", err, "a tile not computed yet is computed without a warning");
    }

    enum ManifestDamage {
        FLIPPED_DIGIT, TRUNCATED, ZERO_LENGTH, BINARY, OTHER_FORMAT, VERSION_1;

        void apply(Path manifest) throws IOException {
            String json = Files.readString(manifest);
            switch (this) {
                case FLIPPED_DIGIT -> Files.writeString(manifest, json.replace("\"n1\" : 7", "\"n1\" : 5"));
                case TRUNCATED -> Files.writeString(manifest, json.substring(0, json.length() / 2));
                case ZERO_LENGTH -> Files.write(manifest, new byte[0]);
                case BINARY -> Files.write(manifest, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff});
                case OTHER_FORMAT -> Files.writeString(manifest, "{\"format\": \"something-else\", \"version\": 2}");
                case VERSION_1 -> Files.writeString(manifest, json.replace("\"version\" : 2", "\"version\" : 1"));
                default -> throw new AssertionError(this);
            }
        }

        String message() {
            return switch (this) {
                case FLIPPED_DIGIT -> "is damaged: its content does not match its checksum";
                case TRUNCATED, ZERO_LENGTH, BINARY -> "is not a Gram checkpoint manifest";
                case OTHER_FORMAT -> "is not a Gram checkpoint manifest: format something-else";
                case VERSION_1 -> "is a checkpoint of format version 1, written by an older ntk4j: its tiles have no"
                        + " checksums";
            };
        }
    }

    @ParameterizedTest
    @EnumSource(ManifestDamage.class)
    void damagedManifestIsAClearErrorForBuildsAssemblyAndStatus(ManifestDamage damage) throws Exception {
        INDArray x = GramCheckpointTest.inputs(7, 25);
        Gram gram = Gram.of(new CountingKernel(1.5, false)).tileSize(TILE).checkpoint(dir);
        gram.compute(x);
        Path manifest = dir.resolve(GramCheckpoint.MANIFEST);
        damage.apply(manifest);

        for (Callable<?> reader : List.<Callable<?>>of(() -> gram.compute(x), () -> GramCheckpoint.assemble(dir),
                () -> GramCheckpoint.status(dir))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, reader::call);
            assertTrue(e.getMessage().startsWith(manifest.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(damage.message()), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}

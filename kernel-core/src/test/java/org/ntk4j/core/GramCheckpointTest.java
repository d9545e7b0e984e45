package org.ntk4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.testkit.KernelAsserts.assertBitIdentical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.testkit.Seeded;

/** Checkpointed Gram builds: resume after an interruption, skipped tiles, damaged tiles, refused manifests. */
class GramCheckpointTest {
    private static final int TILE = 3;

    @TempDir
    Path dir;

    @BeforeAll
    static void init() {
        Ntk4j.init();
    }

    /** {@code n} seeded random inputs of 2×2 positions and 3 channels, (n, 2, 2, 3). */
    static INDArray inputs(int n, long seed) {
        return Seeded.gaussian(new SplittableRandom(seed), n, 2, 2, 3);
    }

    private static Kernel build(Gram gram, INDArray x1, INDArray x2) {
        return x2 == null ? gram.compute(x1) : gram.compute(x1, x2);
    }

    /** A progress listener that interrupts the worker thread reporting {@code after} or more entries done. */
    private static GramProgress interruptAfter(long after) {
        AtomicBoolean fired = new AtomicBoolean();
        return (done, total, rate, eta) -> {
            if (done >= after && !fired.getAndSet(true)) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Some but not all of the build's {@code tiles} tiles are stored. */
    private void assertPartial(long tiles) throws IOException {
        long stored;
        try (Stream<Path> files = Files.list(dir)) {
            stored = files.filter(f -> f.getFileName().toString().startsWith("nngp-")).count();
        }
        assertTrue(stored > 0 && stored < tiles, () -> stored + " of " + tiles + " tiles stored");
    }

    @ParameterizedTest(name = "symmetric={0}, ntk={1}, full entries={2}")
    @CsvSource({"true, true, false", "true, false, false", "false, true, false", "false, false, false",
        "true, true, true", "false, true, true"})
    void buildInterruptedByItsWorkersResumesBitIdentical(boolean symmetric, boolean ntk, boolean full)
            throws IOException {
        INDArray x1 = inputs(11, 1);
        INDArray x2 = symmetric ? null : inputs(8, 2);
        Gram gram = Gram.of(new CountingKernel(1.5, full)).threads(2).tileSize(TILE);
        gram = ntk ? gram : gram.nngpOnly();
        Kernel expected = build(gram, x1, x2);

        Gram checkpointed = gram.checkpoint(dir);
        long total = symmetric ? 11 + 55 : 11 + 8 + 88;
        assertThrows(CancellationException.class, () -> build(checkpointed.progress(interruptAfter(total / 2)), x1, x2));
        long tiles = symmetric ? 4 + 3 + 2 + 1 : 4 * 3;
        assertPartial(tiles);
        Kernel resumed = build(checkpointed, x1, x2);

        assertBitIdentical(expected, resumed);
    }

    @ParameterizedTest(name = "symmetric={0}")
    @CsvSource({"true", "false"})
    void cancelledJobResumesBitIdentical(boolean symmetric) throws Exception {
        INDArray x1 = inputs(10, 3);
        INDArray x2 = symmetric ? x1 : inputs(7, 4);
        Gram gram = Gram.of(new CountingKernel(0.5, true)).threads(2).tileSize(TILE);
        Kernel expected = gram.compute(x1, x2);

        AtomicReference<GramJob> job = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean fired = new AtomicBoolean();
        GramProgress cancelHalfway = (done, total, rate, eta) -> {
            if (done >= total / 2 && !fired.getAndSet(true)) {
                try {
                    started.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                job.get().cancel();
            }
        };
        job.set(gram.checkpoint(dir).progress(cancelHalfway).start(x1, x2));
        started.countDown();
        assertThrows(CancellationException.class, () -> job.get().get());
        assertTrue(job.get().isCancelled());
        assertPartial(symmetric ? 4 + 3 + 2 + 1 : 4 * 3);

        assertBitIdentical(expected, gram.checkpoint(dir).compute(x1, x2));
    }

    @Test
    void resumedBuildComputesOnlyTheMissingTiles() throws IOException {
        INDArray x = inputs(12, 5);
        Gram gram = Gram.of(new CountingKernel(1.0, false)).threads(1).tileSize(TILE).checkpoint(dir);
        assertThrows(CancellationException.class, () -> gram.progress(interruptAfter(12 + 30)).compute(x));
        TileGrid grid = TileGrid.of(12, 12, TILE, true, KernelShape.input(InputShape.ofBatchShape(x.shape())));
        long missingPairs = grid.tiles().stream()
                .filter(t -> !Files.exists(dir.resolve(String.format("ntk-%05d-%05d.npy", t.row(), t.col()))))
                .mapToLong(grid::pairs).sum();
        assertTrue(missingPairs > 0 && missingPairs < 66, () -> "missing pairs " + missingPairs);

        CountingKernel counting = new CountingKernel(1.0, false);
        AtomicLong reported = new AtomicLong();
        Gram.of(counting).threads(1).tileSize(TILE).checkpoint(dir).progress((done, total, rate, eta) -> reported.set(done))
                .compute(x);

        assertEquals(missingPairs, counting.pairs.get(), "pairs computed on resume");
        assertEquals(12 + 66, reported.get(), "progress counts restored tiles as done");
    }

    @Test
    void truncatedTileAndLeftoverTemporaryFileAreNotCountedAsDone() throws IOException {
        INDArray x = inputs(9, 6);
        Gram gram = Gram.of(new CountingKernel(1.0, false)).threads(2).tileSize(TILE);
        Kernel expected = gram.checkpoint(dir).compute(x);
        Path tile = dir.resolve("nngp-00000-00001.npy");
        byte[] bytes = Files.readAllBytes(tile);
        Files.write(tile, Arrays.copyOf(bytes, bytes.length - 8));
        Path garbage = dir.resolve("ntk-00001-00002.npy");
        Files.writeString(garbage, "not an npy file");
        Path leftover = Files.write(dir.resolve(".nngp-00002-00002.npy.1234.tmp"), new byte[] {1, 2, 3});

        CountingKernel counting = new CountingKernel(1.0, false);
        Kernel resumed = Gram.of(counting).threads(2).tileSize(TILE).checkpoint(dir).compute(x);

        assertBitIdentical(expected, resumed);
        assertEquals(2 * TILE * TILE, counting.pairs.get(), "the two damaged tiles are computed again");
        assertFalse(Files.exists(leftover), "leftover temporary file is deleted");
        assertBitIdentical(expected, GramCheckpoint.assemble(dir));
    }

    @Test
    void completeCheckpointAssemblesWithoutComputing() throws IOException {
        INDArray x1 = inputs(7, 7);
        INDArray x2 = inputs(5, 8);
        Kernel expected = Gram.of(new CountingKernel(2.0, true)).tileSize(TILE).checkpoint(dir).compute(x1, x2);

        assertBitIdentical(expected, GramCheckpoint.assemble(dir));
    }

    @Test
    void incompleteCheckpointIsNotAssembled() throws IOException {
        INDArray x = inputs(7, 9);
        Gram.of(new CountingKernel(2.0, false)).nngpOnly().tileSize(TILE).checkpoint(dir).compute(x);
        Files.delete(dir.resolve("nngp-00001-00002.npy"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GramCheckpoint.assemble(dir));
        assertTrue(e.getMessage().contains("incomplete: 1 of 6 tiles missing"), e.getMessage());
        assertTrue(e.getMessage().contains("nngp-00001-00002.npy"), e.getMessage());
    }

    @ParameterizedTest(name = "{5}")
    @CsvSource(delimiter = '|', value = {
        "2.0 | 3 | false | 10 | false | network (fingerprint): | inputs",
        "1.0 | 3 | false | 11 | false | inputs X1 (SHA-256): | network",
        "1.0 | 4 | false | 10 | false | tile size: 3 in the checkpoint, 4 in this build | inputs",
        "1.0 | 3 | false | 10 | true | symmetric: true in the checkpoint, false in this build | inputs",
        "1.0 | 3 | true | 10 | false | NNGP only: false in the checkpoint, true in this build | tile size"})
    void checkpointOfAnotherBuildIsRefusedSayingWhatDiffers(double scale, int tileSize, boolean nngpOnly, long seed,
            boolean cross, String differs, String same) {
        Gram.of(new CountingKernel(1.0, false)).tileSize(TILE).checkpoint(dir).compute(inputs(6, 10));
        Gram other = Gram.of(new CountingKernel(scale, false)).tileSize(tileSize).checkpoint(dir);
        Gram build = nngpOnly ? other.nngpOnly() : other;
        INDArray x = inputs(6, seed);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> build.start(x, cross ? x.dup() : x));
        assertTrue(e.getMessage().startsWith("checkpoint " + dir + " is of another build: "), e.getMessage());
        assertTrue(e.getMessage().contains(differs), e.getMessage());
        assertFalse(e.getMessage().contains(same), e.getMessage());
    }

    @Test
    void kernelFunctionWithoutDescriptionCannotBeCheckpointed() {
        KernelFunction anonymous = shape -> new CountingKernel(1.0, false).compile(shape);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Gram.of(anonymous).checkpoint(dir).start(inputs(3, 1), inputs(3, 1)));
        assertTrue(e.getMessage().contains("has no toString() describing its parameters"), e.getMessage());
    }
}

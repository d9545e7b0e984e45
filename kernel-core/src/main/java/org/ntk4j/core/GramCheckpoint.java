package org.ntk4j.core;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.io.Npy;

/**
 * A directory holding the finished tiles of a Gram build, so that a build started again with the
 * same arguments ({@link Gram#checkpoint}) computes only the missing tiles, and a complete one can
 * be {@link #assemble assembled} without computing anything.
 *
 * <p><b>On-disk format</b> (version 1):
 * <ul>
 * <li>{@code manifest.json}: a JSON object with {@code format} ({@code "ntk4j-gram-checkpoint"}),
 *     {@code version} (1), {@code network} (SHA-256 of the kernel function's {@code toString()},
 *     see {@link KernelFunction#fingerprint()}), {@code inputShape} ({@code "(spatial..., C)"}),
 *     {@code x1} and {@code x2} (SHA-256 of the inputs' doubles, row after row, 8 little-endian
 *     bytes each), {@code n1}, {@code n2}, {@code tileSize}, {@code symmetric}, {@code nngpOnly},
 *     {@code entryLength} (doubles per pair), {@code entryShape} and {@code fullEntries} (whether
 *     each pair's entry is a full P×P spatial covariance). Written once, when the directory is
 *     first used; a build whose manifest differs in any field is refused.</li>
 * <li>{@code nngp-RRRRR-CCCCC.npy} and, unless NNGP-only, {@code ntk-RRRRR-CCCCC.npy}: tile
 *     (row R, column C) of the tile grid, covering rows {@code [R·T, min(N1, (R+1)·T))} of X1 and
 *     columns {@code [C·T, min(N2, (C+1)·T))} of X2 ({@code T} the tile size), as a C-order
 *     {@code <f8} array of shape {@code (rows, cols, entryShape...)}. A symmetric build stores
 *     only tiles with C ≥ R; its diagonal tiles hold their whole block, the diagonal from the
 *     inputs' passes with themselves and the lower triangle mirrored.</li>
 * </ul>
 * Every file is written to a hidden temporary file ({@code .NAME.UUID.tmp}) in the directory and
 * renamed into place, so a killed process never leaves a partial tile under a tile's name; a tile
 * counts as done only when all its files read back with the right shape. Temporary files left by
 * a killed process are deleted when the directory is next opened, so one build at a time may use
 * a directory. Tiles are not synced to disk: they survive a killed process, not a power cut.
 */
public final class GramCheckpoint implements TileStore {
    /** Name of the manifest file in a checkpoint directory. */
    public static final String MANIFEST = "manifest.json";
    private static final String TMP = ".tmp";

    private final Path dir;
    private final CheckpointManifest manifest;
    private final TileGrid grid;

    private GramCheckpoint(Path dir, CheckpointManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
        this.grid = manifest.grid();
    }

    /**
     * Opens (creating it if needed) the checkpoint directory of {@code build}, writing its manifest
     * when the directory has none, and deletes temporary files left by a killed build: call it once
     * per build, before any tile is computed (a distributed build: on its driver).
     *
     * @throws IllegalArgumentException saying what differs when the directory's manifest is of
     *     another build, or when it holds tiles but no manifest
     * @throws IllegalStateException when the kernel function has no {@link KernelFunction#fingerprint()}
     * @throws UncheckedIOException when the directory cannot be created, read or written
     */
    public static GramCheckpoint open(Path dir, GramTiles build) {
        return open(dir, build.manifest());
    }

    /**
     * The checkpoint directory of {@code build}, already {@linkplain #open opened} by the build's
     * driver, for a worker that loads and saves tiles (a Spark executor): checks the manifest and
     * changes nothing.
     *
     * @throws IllegalArgumentException when the directory has no manifest or one of another build
     */
    public static GramCheckpoint join(Path dir, GramTiles build) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("checkpoint " + dir + " has no " + MANIFEST
                    + " (is the directory shared by the driver and this worker?)");
        }
        List<String> diff = CheckpointManifest.read(file).differences(build.manifest());
        if (!diff.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + dir + " is of another build: " + String.join("; ", diff));
        }
        return new GramCheckpoint(dir, build.manifest());
    }

    static GramCheckpoint open(Path dir, CheckpointManifest build) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(MANIFEST);
            if (Files.exists(file)) {
                List<String> diff = CheckpointManifest.read(file).differences(build);
                if (!diff.isEmpty()) {
                    throw new IllegalArgumentException("checkpoint " + dir + " is of another build: "
                            + String.join("; ", diff) + ". Use another directory, or delete this one to start over");
                }
            } else {
                if (holdsTiles(dir)) {
                    throw new IllegalArgumentException("checkpoint " + dir + " holds tiles but no " + MANIFEST
                            + ", so they cannot be checked; use another directory, or delete this one");
                }
                writeAtomically(file, out -> out.write(build.toJson()));
            }
            deleteTemporaryFiles(dir);
            return new GramCheckpoint(dir, build);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The kernel stored in a complete checkpoint directory, read without computing anything;
     * bit-identical to the result of the build that wrote it.
     *
     * @throws IllegalArgumentException when the directory has no valid manifest or misses tiles
     *     (saying how many and which first)
     */
    public static Kernel assemble(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a Gram checkpoint: it has no " + MANIFEST);
        }
        GramCheckpoint checkpoint = new GramCheckpoint(dir, CheckpointManifest.read(file));
        TileGrid grid = checkpoint.grid;
        grid.outputLength(); // refuses outputs too large for one array, as a build does
        GramOutput output = new GramOutput(grid, !checkpoint.manifest.nngpOnly());
        List<TileGrid.Tile> missing = new ArrayList<>();
        for (TileGrid.Tile t : grid.tiles()) {
            TileBlock block = checkpoint.load(t);
            if (block == null) {
                missing.add(t);
            } else {
                output.paste(block);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + dir + " is incomplete: " + missing.size() + " of "
                    + grid.tiles().size() + " tiles missing or unreadable, the first "
                    + checkpoint.tileFile("nngp", missing.get(0)).getFileName());
        }
        return output.kernel();
    }

    /** The checkpoint directory. */
    public Path directory() {
        return dir;
    }

    /** The tile layout of the build this directory holds. */
    public TileGrid grid() {
        return grid;
    }

    /**
     * The tile's stored block, or null when its files are missing, unreadable, truncated or of
     * another shape (then it is computed again).
     */
    @Override
    public TileBlock load(TileGrid.Tile tile) {
        double[] nngp = readBlock(tile, "nngp");
        double[] ntk = manifest.nngpOnly() || nngp == null ? null : readBlock(tile, "ntk");
        if (nngp == null || (!manifest.nngpOnly() && ntk == null)) {
            return null;
        }
        return new TileBlock(tile, nngp, ntk);
    }

    /**
     * Whether the tile's files are all present (not read: {@link #load} checks their contents).
     */
    public boolean isPresent(TileGrid.Tile tile) {
        return Files.isRegularFile(tileFile("nngp", tile))
                && (manifest.nngpOnly() || Files.isRegularFile(tileFile("ntk", tile)));
    }

    /**
     * Writes a tile's files, each to a temporary file renamed into place (the NTK first, so that a
     * present NNGP file means a finished tile).
     */
    @Override
    public void save(TileBlock block) {
        TileGrid.Tile tile = block.tile();
        try {
            if (!manifest.nngpOnly()) {
                writeBlock(tile, "ntk", block.ntk());
            }
            writeBlock(tile, "nngp", block.nngp());
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + dir + ": cannot write tile (" + tile.row() + ", "
                    + tile.col() + "): " + e.getMessage(), e);
        }
    }

    private Path tileFile(String kind, TileGrid.Tile tile) {
        return dir.resolve(String.format(Locale.ROOT, "%s-%05d-%05d.npy", kind, tile.row(), tile.col()));
    }

    private void writeBlock(TileGrid.Tile tile, String kind, double[] block) throws IOException {
        long[] shape = grid.blockShape(tile);
        writeAtomically(tileFile(kind, tile), out -> Npy.write(out, block, shape));
    }

    /** The tile's stored block, or null when its file is missing, unreadable, truncated or of another shape. */
    private double[] readBlock(TileGrid.Tile tile, String kind) {
        Path file = tileFile(kind, tile);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        // FileInputStream, not Files.newInputStream: its channel would close when a worker is interrupted
        try (InputStream in = new BufferedInputStream(new FileInputStream(file.toFile()))) {
            INDArray a = Npy.read(in, file.toString());
            boolean whole = Arrays.equals(a.shape(), grid.blockShape(tile)) && in.read() < 0;
            return whole ? a.data().asDouble() : null;
        } catch (IllegalArgumentException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + dir + ": cannot read " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes what {@code body} writes to a temporary file beside {@code target}, then renames it to {@code target}. */
    private static void writeAtomically(Path target, FileBody body) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TMP);
        try {
            try (OutputStream out = new BufferedOutputStream(new FileOutputStream(tmp.toFile()))) {
                body.write(out);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a file's content. */
    private interface FileBody {
        void write(OutputStream out) throws IOException;
    }

    private static boolean holdsTiles(Path dir) throws IOException {
        try (DirectoryStream<Path> tiles = Files.newDirectoryStream(dir, "{nngp,ntk}-*.npy")) {
            return tiles.iterator().hasNext();
        }
    }

    private static void deleteTemporaryFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> tmps = Files.newDirectoryStream(dir, ".*" + TMP)) {
            for (Path tmp : tmps) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}

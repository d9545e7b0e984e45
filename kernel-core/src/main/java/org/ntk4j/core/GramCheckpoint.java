package org.ntk4j.core;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.io.Npy;

/**
 * A directory holding the finished tiles of a Gram build, so that a build started again with the
 * same arguments ({@link Gram#checkpoint}) computes only the missing tiles, and a complete one can
 * be {@link #assemble assembled} without computing anything.
 *
 * <p><b>On-disk format</b> (version 2):
 * <ul>
 * <li>{@code manifest.json}: a JSON object with {@code format} ({@code "ntk4j-gram-checkpoint"}),
 *     {@code version} (2), {@code network} (SHA-256 of the kernel function's {@code toString()},
 *     see {@link KernelFunction#fingerprint()}), {@code precision} ({@code float64} or
 *     {@code float32}), {@code inputShape} ({@code "(spatial..., C)"}), {@code x1} and {@code x2}
 *     (SHA-256 of the inputs' doubles, row after row, 8 little-endian bytes each), {@code n1},
 *     {@code n2}, {@code tileSize}, {@code symmetric}, {@code nngpOnly}, {@code entryLength}
 *     (doubles per pair), {@code entryShape}, {@code fullEntries} (whether each pair's entry is a
 *     full P×P spatial covariance) and {@code checksum}, the CRC32C (8 hex digits) of the other
 *     fields' values, one per line in this order. Written once, when the directory is first used;
 *     a build whose manifest differs in any field is refused, a manifest whose checksum does not
 *     match is refused as damaged, and one of version 1 (tiles without checksums) as too old.</li>
 * <li>{@code nngp-RRRRR-CCCCC.npy} and, unless NNGP-only, {@code ntk-RRRRR-CCCCC.npy}: tile
 *     (row R, column C) of the tile grid, covering rows {@code [R·T, min(N1, (R+1)·T))} of X1 and
 *     columns {@code [C·T, min(N2, (C+1)·T))} of X2 ({@code T} the tile size), as a C-order
 *     {@code <f8} array of shape {@code (rows, cols, entryShape...)}. A symmetric build stores
 *     only tiles with C ≥ R; its diagonal tiles hold their whole block, the diagonal from the
 *     inputs' passes with themselves and the lower triangle mirrored.</li>
 * <li>{@code crc32c-RRRRR-CCCCC.txt}, written after the tile's {@code .npy} files: the line
 *     {@code ntk4j-gram-tile 2}, the line {@code build ID} (ID the SHA-256 of the manifest's
 *     checksummed fields, so that a tile copied in from another build's directory is recognised),
 *     the line {@code tile R C}, and per {@code .npy} file the line {@code NAME BYTES CRC32C}
 *     (its length and the CRC32C of its bytes, 8 hex digits).</li>
 * </ul>
 * Every tile read (a resumed build, {@link #assemble}, a Spark driver or executor) checks the
 * checksum file against the tile's files. A tile whose files are all absent is simply not done
 * yet; one that is damaged (a file missing, truncated, empty, of other bytes or another shape, or
 * its checksum file missing, damaged or of another build or tile) is reported by one warning line
 * on stderr naming it, deleted, and computed again, so that the result is bit-identical to an
 * undamaged build's.
 *
 * <p>Every file is written to a hidden temporary file ({@code .NAME.UUID.tmp}) in the directory,
 * synced to disk, and renamed into place; after a tile's last rename the directory is synced too,
 * so that a finished tile survives a killed process and a power cut. The syncs cost a few
 * milliseconds per tile (see {@code docs/reliability.md}), which matters only for tiles
 * computed in milliseconds; the system property {@value #FSYNC_PROPERTY}{@code =false} (CLI
 * {@code --no-fsync}) turns them off, read whenever a tile is written: tiles then survive a killed
 * process, not a power cut. Temporary files left by a killed process are deleted when the
 * directory is next opened, so one build at a time may use a directory.
 */
public final class GramCheckpoint implements TileStore {
    /** Name of the manifest file in a checkpoint directory. */
    public static final String MANIFEST = "manifest.json";
    private static final String TMP = ".tmp";
    private static final String TILE_HEADER = "ntk4j-gram-tile " + CheckpointManifest.VERSION;

    private final Path dir;
    private final CheckpointManifest manifest;
    private final TileGrid grid;
    private final String buildId;
    private final Consumer<String> warnings;

    private GramCheckpoint(Path dir, CheckpointManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
        this.grid = manifest.grid();
        this.buildId = manifest.id();
        this.warnings = System.err::println;
    }

    /**
     * Opens (creating it if needed) the checkpoint directory of {@code build}, writing its manifest
     * when the directory has none, and deletes temporary files left by a killed build: call it once
     * per build, before any tile is computed (a distributed build: on its driver).
     *
     * @throws IllegalArgumentException saying what differs when the directory's manifest is of
     *     another build, when it is damaged or of an older format version, or when the directory
     *     holds tiles but no manifest
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
                syncDirectory(dir);
            }
            deleteTemporaryFiles(dir);
            return new GramCheckpoint(dir, build);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint of an existing directory, read-only, from its manifest. */
    private static GramCheckpoint existing(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a Gram checkpoint: it has no " + MANIFEST);
        }
        return new GramCheckpoint(dir, CheckpointManifest.read(file));
    }

    /**
     * The kernel stored in a complete checkpoint directory, read without computing anything;
     * bit-identical to the result of the build that wrote it. Every tile is checked against its
     * checksums; nothing in the directory is changed.
     *
     * @throws IllegalArgumentException when the directory has no valid manifest or misses tiles or
     *     holds damaged ones (saying how many and which first)
     */
    public static Kernel assemble(Path dir) throws IOException {
        GramCheckpoint checkpoint = existing(dir);
        TileGrid grid = checkpoint.grid;
        grid.outputLength(); // refuses outputs too large for one array, as a build does
        GramOutput output = new GramOutput(grid, !checkpoint.manifest.nngpOnly());
        List<String> missing = new ArrayList<>();
        for (TileGrid.Tile t : grid.tiles()) {
            Check c = checkpoint.check(t, true);
            if (c.block != null) {
                output.paste(c.block);
            } else {
                missing.add(name(t) + (c.problem == null ? ", " + checkpoint.tileFile("nngp", t).getFileName()
                        + " not computed" : " damaged: " + c.problem));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + dir + " is incomplete: " + missing.size() + " of "
                    + grid.tiles().size() + " tiles missing or damaged, the first " + missing.get(0)
                    + "; run the build again to compute them");
        }
        return output.kernel();
    }

    /**
     * What a checkpoint directory holds, read without changing anything: its manifest's fields, and
     * every tile checked against its checksums.
     *
     * @param directory  the checkpoint directory
     * @param version    format version of its manifest
     * @param network    SHA-256 fingerprint of the network ({@link KernelFunction#fingerprint()})
     * @param precision  {@code float64} or {@code float32}
     * @param inputShape per-input shape, {@code (spatial..., channels)}
     * @param x1         SHA-256 of X1
     * @param x2         SHA-256 of X2 (that of X1 when symmetric)
     * @param n1         inputs in X1
     * @param n2         inputs in X2
     * @param tileSize   rows and columns per tile
     * @param symmetric  whether X2 is X1 (only the upper triangle of tiles is stored)
     * @param nngpOnly   whether the tiles hold the NNGP only
     * @param tiles      tiles of the grid
     * @param done       tiles stored and intact
     * @param damaged    one line per damaged tile: its file name and what is wrong
     */
    public record Status(Path directory, int version, String network, String precision, String inputShape, String x1,
            String x2, int n1, int n2, int tileSize, boolean symmetric, boolean nngpOnly, int tiles, int done,
            List<String> damaged) {
        public Status {
            damaged = List.copyOf(damaged);
        }
    }

    /**
     * Reads and checks every tile of the checkpoint in {@code dir} (see {@link Status}); changes nothing.
     *
     * @throws IllegalArgumentException when {@code dir} has no manifest, or its manifest is damaged or
     *     of another format version
     */
    public static Status status(Path dir) throws IOException {
        GramCheckpoint c = existing(dir);
        CheckpointManifest m = c.manifest;
        int done = 0;
        List<String> damaged = new ArrayList<>();
        for (TileGrid.Tile t : c.grid.tiles()) {
            Check check = c.check(t, true);
            if (check.block != null) {
                done++;
            } else if (check.problem != null) {
                damaged.add(name(t) + ": " + check.problem);
            }
        }
        return new Status(dir, m.version(), m.network(), m.precision(), m.inputShape(), m.x1(), m.x2(), m.n1(), m.n2(),
                m.tileSize(), m.symmetric(), m.nngpOnly(), c.grid.tiles().size(), done, damaged);
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
     * The tile's stored block, after checking it against its checksums; null when it is not stored
     * (then it is computed). A damaged tile (see the class comment) is reported by one warning line
     * naming it and deleted, and null is returned.
     */
    @Override
    public TileBlock load(TileGrid.Tile tile) {
        Check c = check(tile, true);
        if (c.problem != null) {
            discard(tile, c.problem);
        }
        return c.block;
    }

    /**
     * Whether the tile is stored and intact: its files are present and match their checksums (read
     * in full, not parsed). A damaged tile is reported, deleted and counted as not stored, as by
     * {@link #load}.
     */
    public boolean verify(TileGrid.Tile tile) {
        Check c = check(tile, false);
        if (c.problem != null) {
            discard(tile, c.problem);
        }
        return c.intact;
    }

    /**
     * Whether the tile's files and its checksum file are all present (not read: {@link #load} and
     * {@link #verify} check their contents).
     */
    public boolean isPresent(TileGrid.Tile tile) {
        return Files.isRegularFile(tileFile("nngp", tile)) && Files.isRegularFile(sumFile(tile))
                && (manifest.nngpOnly() || Files.isRegularFile(tileFile("ntk", tile)));
    }

    /**
     * Writes a tile's files, each to a temporary file synced and renamed into place, the NTK, then
     * the NNGP, then the checksum file, and syncs the directory.
     */
    @Override
    public void save(TileBlock block) {
        TileGrid.Tile tile = block.tile();
        try {
            StringBuilder sums = new StringBuilder(TILE_HEADER).append('\n')
                    .append("build ").append(buildId).append('\n')
                    .append("tile ").append(tile.row()).append(' ').append(tile.col()).append('\n');
            if (!manifest.nngpOnly()) {
                sums.append(writeBlock(tile, "ntk", block.ntk())).append('\n');
            }
            sums.append(writeBlock(tile, "nngp", block.nngp())).append('\n');
            byte[] text = sums.toString().getBytes(StandardCharsets.US_ASCII);
            writeAtomically(sumFile(tile), out -> out.write(text));
            syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + dir + ": cannot write tile (" + tile.row() + ", "
                    + tile.col() + "): " + e.getMessage(), e);
        }
    }

    private Path tileFile(String kind, TileGrid.Tile tile) {
        return dir.resolve(String.format(Locale.ROOT, "%s-%05d-%05d.npy", kind, tile.row(), tile.col()));
    }

    private Path sumFile(TileGrid.Tile tile) {
        return dir.resolve(String.format(Locale.ROOT, "crc32c-%05d-%05d.txt", tile.row(), tile.col()));
    }

    /** How a tile is named in messages (the problem names its files). */
    private static String name(TileGrid.Tile tile) {
        return "tile (" + tile.row() + ", " + tile.col() + ")";
    }

    /** Writes a tile's block; returns its checksum line, {@code NAME BYTES CRC32C}. */
    private String writeBlock(TileGrid.Tile tile, String kind, double[] block) throws IOException {
        long[] shape = grid.blockShape(tile);
        Path file = tileFile(kind, tile);
        CRC32C crc = new CRC32C();
        long[] bytes = {0};
        writeAtomically(file, out -> Npy.write(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                crc.update(b);
                bytes[0]++;
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                crc.update(b, off, len);
                bytes[0] += len;
                out.write(b, off, len);
            }
        }, block, shape));
        return file.getFileName() + " " + bytes[0] + " " + hex(crc.getValue());
    }

    private static String hex(long crc) {
        return String.format(Locale.ROOT, "%08x", crc);
    }

    /** What a tile's files hold: not stored (all null/false), intact (with its block when parsed), or damaged. */
    private static final class Check {
        static final Check ABSENT = new Check(false, null, null);
        final boolean intact;
        final TileBlock block;
        final String problem;

        private Check(boolean intact, TileBlock block, String problem) {
            this.intact = intact;
            this.block = block;
            this.problem = problem;
        }

        static Check damaged(String problem) {
            return new Check(false, null, problem);
        }
    }

    /**
     * Checks a tile's files against its checksum file, and when {@code parse} reads its blocks.
     *
     * @throws UncheckedIOException when a present file cannot be read (not a sign of damage)
     */
    private Check check(TileGrid.Tile tile, boolean parse) {
        Path sums = sumFile(tile);
        Path nngpFile = tileFile("nngp", tile);
        Path ntkFile = manifest.nngpOnly() ? null : tileFile("ntk", tile);
        boolean anyData = Files.exists(nngpFile) || (ntkFile != null && Files.exists(ntkFile));
        if (!Files.exists(sums)) {
            return anyData ? Check.damaged("checksum file " + sums.getFileName() + " is missing") : Check.ABSENT;
        }
        try {
            List<String> lines = Arrays.asList(new String(readAll(sums), StandardCharsets.US_ASCII).split("\n"));
            int expected = manifest.nngpOnly() ? 4 : 5;
            if (lines.size() != expected || !lines.get(0).equals(TILE_HEADER) || !lines.get(1).startsWith("build ")
                    || !lines.get(2).startsWith("tile ")) {
                return Check.damaged("checksum file " + sums.getFileName() + " is damaged");
            }
            if (!lines.get(1).equals("build " + buildId)) {
                return Check.damaged(sums.getFileName() + " is from another build (it names build "
                        + abbreviate(lines.get(1).substring(6)) + ", this directory's is " + abbreviate(buildId) + ")");
            }
            if (!lines.get(2).equals("tile " + tile.row() + " " + tile.col())) {
                return Check.damaged(sums.getFileName() + " belongs to another tile (it says '" + lines.get(2) + "')");
            }
            double[] ntk = null;
            if (ntkFile != null) {
                Read r = read(ntkFile, lines.get(3), tile, parse);
                if (r.problem != null) {
                    return Check.damaged(r.problem);
                }
                ntk = r.values;
            }
            Read r = read(nngpFile, lines.get(lines.size() - 1), tile, parse);
            if (r.problem != null) {
                return Check.damaged(r.problem);
            }
            return new Check(true, parse ? new TileBlock(tile, r.values, ntk) : null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + dir + ": cannot read tile (" + tile.row() + ", "
                    + tile.col() + "): " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String id) {
        return id.length() > 12 ? id.substring(0, 12) + "…" : id;
    }

    /** A tile file's values (when parsed), or what is wrong with it. */
    private record Read(double[] values, String problem) {
    }

    /** Reads one tile file and checks it against its checksum line {@code NAME BYTES CRC32C}. */
    private Read read(Path file, String sumLine, TileGrid.Tile tile, boolean parse) throws IOException {
        String name = file.getFileName().toString();
        String[] f = sumLine.split(" ");
        long size;
        if (f.length != 3 || !f[0].equals(name)) {
            return new Read(null, "checksum file " + sumFile(tile).getFileName() + " has no line for " + name);
        }
        try {
            size = Long.parseLong(f[1]);
        } catch (NumberFormatException e) {
            return new Read(null, "checksum file " + sumFile(tile).getFileName() + " is damaged");
        }
        if (!Files.isRegularFile(file)) {
            return new Read(null, name + " is missing");
        }
        byte[] bytes = readAll(file);
        if (bytes.length != size) {
            return new Read(null, name + (bytes.length == 0 ? " is empty" : " has " + bytes.length + " bytes")
                    + ", " + size + " expected");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        if (!hex(crc.getValue()).equals(f[2])) {
            return new Read(null, name + " does not match its CRC32C checksum (" + hex(crc.getValue()) + ", "
                    + f[2] + " recorded)");
        }
        if (!parse) {
            return new Read(null, null);
        }
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            INDArray a = Npy.read(in, file.toString());
            if (!Arrays.equals(a.shape(), grid.blockShape(tile)) || in.read() >= 0) {
                return new Read(null, name + " has shape " + Arrays.toString(a.shape()) + ", "
                        + Arrays.toString(grid.blockShape(tile)) + " expected");
            }
            return new Read(a.data().asDouble(), null);
        } catch (IllegalArgumentException e) {
            return new Read(null, name + " is not a readable .npy array: " + e.getMessage());
        }
    }

    /** A file's bytes (FileInputStream, not Files.newInputStream: its channel would close when a worker is interrupted). */
    private static byte[] readAll(Path file) throws IOException {
        try (InputStream in = new FileInputStream(file.toFile())) {
            return in.readAllBytes();
        }
    }

    /** Reports a damaged tile (one line) and deletes its files, so that it is computed again. */
    private void discard(TileGrid.Tile tile, String problem) {
        warnings.accept("ntk4j: warning: checkpoint " + dir + ": " + name(tile) + " is damaged (" + problem
                + "); computing it again");
        try {
            Files.deleteIfExists(sumFile(tile));
            Files.deleteIfExists(tileFile("nngp", tile));
            Files.deleteIfExists(tileFile("ntk", tile));
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + dir + ": cannot delete the damaged tile " + name(tile)
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes what {@code body} writes to a temporary file beside {@code target}, syncs it to disk,
     * then renames it to {@code target} (the caller syncs the directory).
     */
    private static void writeAtomically(Path target, FileBody body) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TMP);
        try {
            try (FileOutputStream file = new FileOutputStream(tmp.toFile())) {
                OutputStream out = new BufferedOutputStream(file);
                body.write(out);
                out.flush();
                if (fsync()) {
                    file.getFD().sync();
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Syncs the directory's entries to disk (the renames into it). Not possible on Windows, where
     * it is skipped. The interrupt status of the calling thread is put aside meanwhile (the
     * channel would close on it); an interrupt that arrives during the sync cancels.
     */
    private static void syncDirectory(Path dir) throws IOException {
        if (WINDOWS || !fsync()) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (ClosedByInterruptException e) {
            interrupted = true;
            throw new CancellationException("interrupted while syncing " + dir);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    /** Whether files and directories are synced to disk: unless the system property {@value #FSYNC_PROPERTY} is {@code false}. */
    static boolean fsync() {
        return !"false".equals(System.getProperty(FSYNC_PROPERTY));
    }

    /** System property that turns syncing off when {@code false}. */
    public static final String FSYNC_PROPERTY = "ntk4j.checkpoint.fsync";

    /** Writes a file's content. */
    private interface FileBody {
        void write(OutputStream out) throws IOException;
    }

    private static boolean holdsTiles(Path dir) throws IOException {
        try (DirectoryStream<Path> tiles = Files.newDirectoryStream(dir, "{nngp,ntk,crc32c}-*")) {
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

package org.ntk4j.core;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The {@code manifest.json} of a {@link GramCheckpoint}: what a build's tiles were computed from,
 * so that they are only ever reused for the same build.
 *
 * @param format       always {@value #FORMAT}
 * @param version      format version, {@value #VERSION}
 * @param network      {@link KernelFunction#fingerprint()} of the kernel function
 * @param precision    {@code float64} or {@code float32}, the precision the pairs are evaluated in
 * @param inputShape   per-input shape, {@code (spatial..., channels)}
 * @param x1           SHA-256 of X1's doubles (row after row, little-endian IEEE 754)
 * @param x2           SHA-256 of X2's doubles (equal to {@code x1} when symmetric)
 * @param n1           inputs in X1
 * @param n2           inputs in X2
 * @param tileSize     rows and columns per tile
 * @param symmetric    whether only tiles with column ≥ row are stored (X2 is X1)
 * @param nngpOnly     whether tiles hold the NNGP only (no ntk files)
 * @param entryLength  doubles per pair
 * @param entryShape   shape of one pair's entry: {@code []}, {@code [spatial...]} or {@code [spatial..., spatial...]}
 * @param fullEntries  whether entries are full P×P covariances (mirrored by transposing)
 * @param checksum     CRC32C (8 hex digits) of {@link #canonical()}, so that a damaged manifest is recognised
 */
record CheckpointManifest(String format, int version, String network, String precision, String inputShape,
        String x1, String x2, int n1, int n2, int tileSize, boolean symmetric, boolean nngpOnly, int entryLength,
        long[] entryShape, boolean fullEntries, String checksum) {
    static final String FORMAT = "ntk4j-gram-checkpoint";
    static final int VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The manifest of a build of {@code function} (compiled to {@code kernel}) over the given rows. */
    static CheckpointManifest of(KernelFunction function, CompiledKernel kernel, double[][] rows1, double[][] rows2,
            boolean symmetric, boolean ntk, int tileSize) {
        TileGrid grid = TileGrid.of(rows1.length, rows2.length, tileSize, symmetric, kernel.outputShape());
        String h1 = Sha256.of(rows1);
        String precision = kernel.newWorkspace().precision().name().toLowerCase(Locale.ROOT);
        CheckpointManifest m = new CheckpointManifest(FORMAT, VERSION, function.fingerprint(), precision,
                kernel.inputShape().toString(), h1, symmetric ? h1 : Sha256.of(rows2), rows1.length, rows2.length,
                tileSize, symmetric, !ntk, grid.entryLength(), grid.entryShape(), grid.full(), "");
        return m.withChecksum();
    }

    private CheckpointManifest withChecksum() {
        return new CheckpointManifest(format, version, network, precision, inputShape, x1, x2, n1, n2, tileSize,
                symmetric, nngpOnly, entryLength, entryShape, fullEntries, crc(canonical()));
    }

    /** Every field but the checksum, one per line, in a fixed order: what the checksum and {@link #id()} cover. */
    String canonical() {
        return String.join("\n", format, Integer.toString(version), network, precision, inputShape, x1, x2,
                Integer.toString(n1), Integer.toString(n2), Integer.toString(tileSize), Boolean.toString(symmetric),
                Boolean.toString(nngpOnly), Integer.toString(entryLength), Arrays.toString(entryShape),
                Boolean.toString(fullEntries));
    }

    /** SHA-256 of {@link #canonical()}: names this build in every tile's checksum file. */
    String id() {
        return Sha256.of(canonical());
    }

    private static String crc(String text) {
        CRC32C c = new CRC32C();
        c.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", c.getValue());
    }

    /** The tile layout this manifest describes. */
    TileGrid grid() {
        return new TileGrid(n1, n2, tileSize, symmetric, entryShape, fullEntries);
    }

    /**
     * Reads a manifest.
     *
     * @throws IllegalArgumentException naming the file when it is not a manifest (not JSON, fields
     *     missing), is of another format or version, or is damaged (its checksum does not match)
     */
    static CheckpointManifest read(Path file) throws IOException {
        CheckpointManifest m;
        try {
            JsonNode tree = JSON.readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException(file + " is not a Gram checkpoint manifest: not a JSON object"
                        + " (the file is empty or damaged)");
            }
            String format = tree.path("format").asText(null);
            int version = tree.path("version").asInt(-1);
            if (!FORMAT.equals(format)) {
                throw new IllegalArgumentException(file + " is not a Gram checkpoint manifest: format " + format
                        + ", expected " + FORMAT + " (the file is damaged or of another program)");
            }
            if (version == 1) {
                throw new IllegalArgumentException(file + " is a checkpoint of format version 1, written by an older"
                        + " ntk4j: its tiles have no checksums and cannot be verified; delete the directory (or use"
                        + " another) to compute the Gram again");
            }
            if (version != VERSION) {
                throw new IllegalArgumentException(file + " is a checkpoint of format version " + version
                        + "; this ntk4j reads version " + VERSION);
            }
            m = JSON.treeToValue(tree, CheckpointManifest.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not a Gram checkpoint manifest (damaged?): "
                    + e.getOriginalMessage(), e);
        }
        if (!m.checksum.equals(crc(m.canonical()))) {
            throw new IllegalArgumentException(file + " is damaged: its content does not match its checksum "
                    + m.checksum + "; delete the directory (or use another) to compute the Gram again");
        }
        if (m.n1 < 1 || m.n2 < 1 || m.tileSize < 1 || m.entryLength < 1
                || Arrays.stream(m.entryShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException(file + " is damaged: sizes out of range (n1 " + m.n1 + ", n2 " + m.n2
                    + ", tile size " + m.tileSize + ", entry shape " + Arrays.toString(m.entryShape) + ")");
        }
        return m;
    }

    /** The manifest as pretty-printed JSON. */
    byte[] toJson() throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }

    /** What differs between this (stored) manifest and that of {@code build}, e.g. {@code "tile size: 4 here, 8 in this build"}; empty if none. */
    List<String> differences(CheckpointManifest build) {
        List<String> d = new ArrayList<>();
        differ(d, "network (fingerprint)", network, build.network);
        differ(d, "precision", precision, build.precision);
        differ(d, "input shape", inputShape, build.inputShape);
        differ(d, "inputs X1 (SHA-256)", x1, build.x1);
        differ(d, "inputs X2 (SHA-256)", x2, build.x2);
        differ(d, "N1", n1, build.n1);
        differ(d, "N2", n2, build.n2);
        differ(d, "tile size", tileSize, build.tileSize);
        differ(d, "symmetric", symmetric, build.symmetric);
        differ(d, "NNGP only", nngpOnly, build.nngpOnly);
        differ(d, "entry length", entryLength, build.entryLength);
        differ(d, "entry shape", Arrays.toString(entryShape), Arrays.toString(build.entryShape));
        differ(d, "full entries", fullEntries, build.fullEntries);
        return d;
    }

    private static void differ(List<String> d, String what, Object stored, Object build) {
        if (!Objects.equals(stored, build)) {
            d.add(what + ": " + stored + " in the checkpoint, " + build + " in this build");
        }
    }
}

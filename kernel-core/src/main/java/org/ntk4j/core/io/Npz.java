package org.ntk4j.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.NdArrays;

/**
 * Reads and writes numpy {@code .npz} archives: zip files holding one {@code name.npy} entry
 * per array, in the {@link Npy} format (as written by {@code numpy.savez} and
 * {@code numpy.savez_compressed}; both STORED and DEFLATED entries are read). Arrays are
 * written in the iteration order of the given map, STORED by default as {@code numpy.savez} does
 * (a kernel matrix of random-looking doubles compresses by about 10 %, for seconds of DEFLATE per
 * 100 MB), or DEFLATED at the fastest level on request.
 */
public final class Npz {

    private static final String SUFFIX = ".npy";

    private Npz() {
    }

    /**
     * Writes each array as entry {@code name + ".npy"}, in the map's iteration order (pass a
     * {@link LinkedHashMap} to choose it).
     *
     * @throws IllegalArgumentException if a name is empty
     */
    public static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        write(file, arrays, false);
    }

    /**
     * As {@link #write(Path, Map)}, with DEFLATE-compressed entries when {@code compress}
     * ({@code numpy.savez_compressed}); otherwise STORED, each entry's CRC-32 and size taken by a
     * first pass over the array.
     */
    public static void write(Path file, Map<String, INDArray> arrays, boolean compress) throws IOException {
        for (String name : arrays.keySet()) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException(file + ": array names must not be empty");
            }
        }
        try (ZipOutputStream zip = new ZipOutputStream(
                new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            zip.setLevel(Deflater.BEST_SPEED);
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + SUFFIX);
                INDArray array = NdArrays.contiguous(e.getValue()); // once for both passes of a stored entry
                if (!compress) {
                    CountingCrc sink = new CountingCrc();
                    Npy.write(sink, array);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(sink.count);
                    entry.setCompressedSize(sink.count);
                    entry.setCrc(sink.crc.getValue());
                }
                zip.putNextEntry(entry);
                Npy.write(zip, array);
                zip.closeEntry();
            }
        }
    }

    /** Counts the bytes written to it and their CRC-32, keeping none. */
    private static final class CountingCrc extends java.io.OutputStream {
        private final java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        private long count;

        @Override
        public void write(int b) {
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            count += len;
        }
    }

    /**
     * Reads every entry of an {@code .npz} archive as a DOUBLE array, keyed by entry name
     * without {@code .npy}, in archive order.
     *
     * @throws IllegalArgumentException if the file is not a zip archive, or an entry is not a
     *     supported {@code .npy} array (the message names the entry)
     */
    public static Map<String, INDArray> read(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IllegalArgumentException(file + ": not a zip archive (" + e.getMessage()
                    + "); expected an .npz file written by numpy.savez or Npz.write", e);
        }
        try (zip) {
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements(); ) {
                ZipEntry entry = it.nextElement();
                String where = file + " entry '" + entry.getName() + "'";
                if (entry.isDirectory() || !entry.getName().endsWith(SUFFIX)) {
                    throw new IllegalArgumentException(where + ": expected only .npy entries");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(entry.getName().substring(0, entry.getName().length() - SUFFIX.length()),
                            Npy.read(in, where));
                } catch (ZipException e) {
                    throw new IllegalArgumentException(where + ": corrupt zip data (" + e.getMessage() + ")", e);
                }
            }
            return arrays;
        }
    }
}

package org.ntk4j.core.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening data files: existence checks with clear messages, and transparent gzip. */
final class DataFiles {
    private DataFiles() {
    }

    /**
     * Opens {@code file} for reading, un-gzipping it when it starts with the gzip magic
     * {@code 1f 8b} (whatever its name).
     *
     * @param what what the file should be, for the message, e.g. "IDX file"
     * @throws NoSuchFileException if the file does not exist or is a directory
     */
    static InputStream open(Path file, String what) throws IOException {
        requireFile(file, what);
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    /** All (un-gzipped) bytes of {@code file}; see {@link #open}. */
    static byte[] readAll(Path file, String what) throws IOException {
        try (InputStream in = open(file, what)) {
            return in.readAllBytes();
        }
    }

    /** @throws NoSuchFileException saying what was expected if {@code file} is not a regular file */
    static void requireFile(Path file, String what) throws NoSuchFileException {
        if (file == null) {
            throw new IllegalArgumentException(what + " path is null");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    Files.isDirectory(file) ? "is a directory, expected a " + what : what + " not found");
        }
    }

    /** @throws NoSuchFileException saying what was expected if {@code dir} is not a directory */
    static void requireDirectory(Path dir, String what) throws NoSuchFileException {
        if (dir == null) {
            throw new IllegalArgumentException(what + " path is null");
        }
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null,
                    Files.exists(dir) ? "is not a directory, expected the " + what : what + " not found");
        }
    }
}

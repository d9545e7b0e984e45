package org.ntk4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class IdxTest {
    @TempDir
    Path dir;

    /** An IDX file: magic 00 00 type dims, big-endian sizes, then {@code body}. */
    static byte[] idx(int type, int[] sizes, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length + body.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) sizes.length);
        for (int s : sizes) {
            b.putInt(s);
        }
        return b.put(body).array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void unsignedByteImagesKeepShapeAndValues() throws IOException {
        byte[] body = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255};
        INDArray x = Idx.read(write("img", idx(0x08, new int[] {2, 3, 2}, body)));
        assertArrayEquals(new long[] {2, 3, 2}, x.shape());
        assertEquals(5.0, x.getDouble(0, 2, 1));
        assertEquals(255.0, x.getDouble(1, 2, 1));
    }

    @Test
    void gzipIsDetectedByMagicNotByName() throws IOException {
        byte[] labels = idx(0x08, new int[] {3}, new byte[] {7, 0, 9});
        assertArrayEquals(new double[] {7, 0, 9}, Idx.read(write("labels", gzip(labels))).toDoubleVector());
        assertArrayEquals(new double[] {7, 0, 9}, Idx.read(write("plain.gz", labels)).toDoubleVector());
    }

    @Test
    void wideTypesAreBigEndian() throws IOException {
        byte[] ints = ByteBuffer.allocate(8).putInt(-3).putInt(70000).array();
        assertArrayEquals(new double[] {-3, 70000}, Idx.read(write("i", idx(0x0C, new int[] {2}, ints))).toDoubleVector());
        byte[] doubles = ByteBuffer.allocate(16).putDouble(0.25).putDouble(-1e300).array();
        assertArrayEquals(new double[] {0.25, -1e300},
                Idx.read(write("d", idx(0x0E, new int[] {1, 2}, doubles))).toDoubleVector());
        assertArrayEquals(new double[] {-2}, Idx.read(write("s", idx(0x09, new int[] {1}, new byte[] {-2})))
                .toDoubleVector());
    }

    @Test
    void wrongMagicIsRejected() throws IOException {
        Path npy = write("x.npy", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(npy));
        assertTrue(e.getMessage().contains("not an IDX file: magic 93 4e 55 4d"), e.getMessage());
        Path badType = write("t", idx(0x07, new int[] {1}, new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Idx.read(badType));
    }

    @Test
    void truncatedFilesSayWhatIsMissing() throws IOException {
        Path data = write("short", idx(0x08, new int[] {2, 28, 28}, new byte[100]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(data));
        assertTrue(e.getMessage().contains("truncated: expected 1568 bytes for the data of shape [2, 28, 28], found 100"),
                e.getMessage());
        Path header = write("header", new byte[] {0, 0, 8, 3, 0, 0});
        e = assertThrows(IllegalArgumentException.class, () -> Idx.read(header));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("dimension sizes"), e.getMessage());
        Path gz = write("gz", gzip(idx(0x08, new int[] {5}, new byte[] {1, 2})));
        assertThrows(IllegalArgumentException.class, () -> Idx.read(gz));
    }

    @Test
    void missingFileOrDirectoryIsNamed() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Idx.read(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("IDX file not found"), e.getMessage());
        e = assertThrows(NoSuchFileException.class, () -> Idx.read(dir));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }
}

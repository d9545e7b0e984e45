package org.ntk4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10Test {
    @TempDir
    Path dir;

    /** Records with pixel byte {@code (r·7 + i) mod 256} at offset i of record r's 3072 pixels. */
    private static byte[] batch(int... labels) {
        byte[] b = new byte[labels.length * Cifar10.RECORD];
        for (int r = 0; r < labels.length; r++) {
            b[r * Cifar10.RECORD] = (byte) labels[r];
            for (int i = 0; i < 3072; i++) {
                b[r * Cifar10.RECORD + 1 + i] = (byte) (r * 7 + i);
            }
        }
        return b;
    }

    @Test
    void recordsBecomeChannelsLastImagesAndLabels() throws IOException {
        Path a = Files.write(dir.resolve("data_batch_1.bin"), batch(3, 9));
        Path b = Files.write(dir.resolve("b.bin.gz"), IdxTest.gzip(batch(0)));
        LabelledData d = Cifar10.read(a, b);
        assertArrayEquals(new long[] {3, 32, 32, 3}, d.x().shape());
        assertArrayEquals(new double[] {3, 9, 0}, d.labels().toDoubleVector());
        for (int n = 0; n < 3; n++) {
            int r = n < 2 ? n : 0;
            for (int[] hw : new int[][] {{0, 0}, {5, 17}, {31, 31}}) {
                for (int c = 0; c < 3; c++) {
                    int expected = (r * 7 + 1024 * c + 32 * hw[0] + hw[1]) & 0xff;
                    assertEquals(expected, d.x().getDouble(n, hw[0], hw[1], c), "n" + n + " h" + hw[0] + " c" + c);
                }
            }
        }
    }

    @Test
    void truncatedBatchIsRejected() throws IOException {
        byte[] full = batch(1, 2);
        Path f = Files.write(dir.resolve("short.bin"), java.util.Arrays.copyOf(full, full.length - 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cifar10.read(f));
        assertTrue(e.getMessage().contains("not a whole number of 3073-byte records"), e.getMessage());
    }

    @Test
    void labelAboveNineMeansNotCifar10() throws IOException {
        Path f = Files.write(dir.resolve("c100.bin"), batch(12));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cifar10.read(f));
        assertTrue(e.getMessage().contains("label 12"), e.getMessage());
    }

    @Test
    void missingDirectoryOrBatchIsNamed() throws IOException {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Cifar10.load(dir.resolve("cifar")));
        assertTrue(e.getMessage().contains("CIFAR-10 directory"), e.getMessage());
        e = assertThrows(NoSuchFileException.class, () -> Cifar10.load(dir));
        assertTrue(e.getMessage().contains("data_batch_1.bin"), e.getMessage());
    }
}

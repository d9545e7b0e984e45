package org.ntk4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.testkit.TestFixtures;

class NpzTest {

    static {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsNamesOrderShapesAndValues() throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("nngp", Nd4j.rand(DataType.DOUBLE, 3, 3));
        arrays.put("ntk", Nd4j.rand(DataType.FLOAT, 2, 4));
        arrays.put("var", Nd4j.scalar(0.5));
        Path file = dir.resolve("k.npz");
        Npz.write(file, arrays);

        Map<String, INDArray> back = Npz.read(file);
        assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()));
        for (String name : arrays.keySet()) {
            INDArray expected = arrays.get(name).castTo(DataType.DOUBLE);
            assertArrayEquals(expected.shape(), back.get(name).shape(), name);
            assertArrayEquals(expected.data().asDouble(), back.get(name).data().asDouble(), 0.0, name);
        }
    }

    /** Stored entries by default (numpy.savez: the archive is the raw .npy bytes), DEFLATED on request; both read back. */
    @Test
    void entriesAreStoredUnlessCompressionIsAskedFor() throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("nngp", Nd4j.rand(DataType.DOUBLE, 40, 40));
        arrays.put("ntk", Nd4j.zeros(DataType.DOUBLE, 40, 40));
        Path stored = dir.resolve("stored.npz"), deflated = dir.resolve("deflated.npz");
        Npz.write(stored, arrays);
        Npz.write(deflated, arrays, true);
        try (java.util.zip.ZipFile a = new java.util.zip.ZipFile(stored.toFile());
                java.util.zip.ZipFile b = new java.util.zip.ZipFile(deflated.toFile())) {
            for (String name : List.of("nngp.npy", "ntk.npy")) {
                assertEquals(java.util.zip.ZipEntry.STORED, a.getEntry(name).getMethod(), name);
                assertEquals(a.getEntry(name).getSize(), a.getEntry(name).getCompressedSize(), name);
                assertEquals(java.util.zip.ZipEntry.DEFLATED, b.getEntry(name).getMethod(), name);
            }
            assertEquals(128 + 40 * 40 * 8, a.getEntry("nngp.npy").getSize(), "header and raw doubles");
        }
        for (Path file : List.of(stored, deflated)) {
            Map<String, INDArray> back = Npz.read(file);
            for (String name : arrays.keySet()) {
                assertArrayEquals(arrays.get(name).data().asDouble(), back.get(name).data().asDouble(), 0.0, name);
            }
        }
    }

    @Test
    void readsNumpySavez() throws IOException {
        assertNumpyArrays(Npz.read(TestFixtures.resource("/npy/arrays.npz")));
    }

    @Test
    void readsNumpySavezCompressed() throws IOException {
        assertNumpyArrays(Npz.read(TestFixtures.resource("/npy/arrays_compressed.npz")));
    }

    private static void assertNumpyArrays(Map<String, INDArray> arrays) {
        assertEquals(List.of("x", "labels", "y"), List.copyOf(arrays.keySet()));
        assertArrayEquals(new long[] {2, 3}, arrays.get("x").shape());
        assertEquals(Math.PI, arrays.get("x").getDouble(1, 1), 0.0);
        assertArrayEquals(new double[] {3, 1, 4}, arrays.get("labels").data().asDouble(), 0.0);
        assertArrayEquals(new double[] {1, 2}, arrays.get("y").data().asDouble(), 0.0);
    }

    @Test
    void nonZipFileIsRejected() throws IOException {
        Path file = Files.copy(TestFixtures.resource("/npy/f8_2x3.npy"), dir.resolve("notzip.npz"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not a zip archive"), e.getMessage());
    }

    @Test
    void badEntryIsRejectedNamingTheEntry() {
        Path file = TestFixtures.resource("/npy/bad_entry.npz");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().startsWith(file + " entry 'broken.npy': bad magic string"), e.getMessage());
    }

    /**
     * An .npz entry declaring 46000 x 46000 float64 (17 GB) but holding 120 data bytes is refused as
     * truncated: an entry's array grows with the data that arrives instead of being allocated at the
     * declared size first (which was an OutOfMemoryError).
     */
    @Test
    void entryDeclaringAHugeShapeIsTruncatedWithoutAllocatingIt() throws IOException {
        byte[] dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (46000, 46000), }\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("huge.npz");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("x.npy"));
            zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) dict.length, 0});
            zip.write(dict);
            zip.write(new byte[120]);
            zip.closeEntry();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().contains("entry 'x.npy'"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated data: shape (46000, 46000) of <f8 needs 16928000000 data bytes "
                + "but only 120 are present"), e.getMessage());
    }
}

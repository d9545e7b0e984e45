package org.ntk4j.core.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.testkit.TestFixtures;

/** Each malformed or unsupported input fails with an IllegalArgumentException naming file and problem. */
class NpyRejectionTest {

    @TempDir
    Path dir;

    private static void assertRejected(Path file, String... expectedInMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString() + ": "), message);
        for (String part : expectedInMessage) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    /** A version 1.0 file with the given header dict text (unpadded) followed by {@code dataBytes} zeros. */
    private Path fileWithHeader(String dict, int dataBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, 0});
        out.write(text);
        out.write(new byte[dataBytes]);
        return write(out.toByteArray());
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("bad.npy"), bytes);
    }

    private byte[] numpyMatrix() throws IOException {
        return Files.readAllBytes(TestFixtures.resource("/npy/f8_2x3.npy"));
    }

    @Test
    void badMagicString() throws IOException {
        assertRejected(write("PK\3\4 not numpy at all".getBytes(StandardCharsets.ISO_8859_1)),
                "bad magic string", "expected \\x93NUMPY");
    }

    @Test
    void unsupportedVersion() throws IOException {
        byte[] bytes = numpyMatrix();
        bytes[6] = 4;
        assertRejected(write(bytes), "unsupported .npy format version 4.0", "expected 1.0, 2.0 or 3.0");
    }

    @Test
    void bigEndianDtype() {
        assertRejected(TestFixtures.resource("/npy/big_endian_f8.npy"), "big-endian dtype '>f8'", "little-endian");
    }

    @Test
    void fortranOrder() {
        assertRejected(TestFixtures.resource("/npy/fortran_2x3.npy"), "fortran_order: True", "C order");
    }

    @Test
    void unsupportedDtypeListsSupportedOnes() {
        assertRejected(TestFixtures.resource("/npy/c16_2.npy"), "unsupported dtype '<c16'", "supported: <f8, <f4, <i4, <i8, |u1");
    }

    @Test
    void structuredDtype() throws IOException {
        assertRejected(fileWithHeader("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", 8),
                "structured dtypes are not supported");
    }

    @Test
    void headerThatDoesNotParse() throws IOException {
        assertRejected(fileWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), ", 48),
                "header does not parse");
    }

    @Test
    void headerWithMissingKey() throws IOException {
        assertRejected(fileWithHeader("{'descr': '<f8', 'shape': (2,), }", 16),
                "header does not parse", "exactly the keys");
    }

    @Test
    void truncatedHeader() throws IOException {
        assertRejected(write(Arrays.copyOf(numpyMatrix(), 40)), "file ends inside the header");
    }

    @Test
    void truncatedData() throws IOException {
        byte[] bytes = numpyMatrix();
        assertRejected(write(Arrays.copyOf(bytes, bytes.length - 10)),
                "truncated data", "shape (2, 3) of <f8 needs 48 data bytes but only 38 are present");
    }

    /**
     * A 200-byte file declaring 46000 x 46000 float64 (17 GB, more than any test heap) is refused as
     * truncated from its size alone: reading it used to allocate the declared array first (an
     * OutOfMemoryError instead of this message).
     */
    @Test
    void hugeDeclaredShapeInASmallFileIsTruncatedWithoutAllocating() throws IOException {
        Path file = fileWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (46000, 46000), }", 120);
        assertTrue(Files.size(file) < 256);
        assertRejected(file, "truncated data", "shape (46000, 46000) of <f8 needs 16928000000 data bytes but only "
                + "120 are present");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.readData(file));
        assertTrue(e.getMessage().contains("but only 120 are present"), e.getMessage());
    }

    @Test
    void negativeDimension() throws IOException {
        assertRejected(fileWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2, -3), }", 0),
                "negative dimension -3 in shape (2, -3)");
    }

    @Test
    void malformedShape() throws IOException {
        assertRejected(fileWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 'x'), }", 0),
                "malformed shape", "expected a tuple of integers");
    }

    @Test
    void shapeTooLargeForAJavaArray() throws IOException {
        assertRejected(fileWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 65536), }", 0),
                "more than", "elements");
    }
}

package org.ntk4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyRoundTripTest {

    static {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @TempDir
    Path dir;

    private INDArray roundTrip(INDArray array) throws IOException {
        Path file = dir.resolve("a.npy");
        Npy.write(file, array);
        return Npy.read(file);
    }

    private static void assertSameValues(INDArray expected, INDArray actual) {
        assertEquals(DataType.DOUBLE, actual.dataType());
        assertArrayEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.castTo(DataType.DOUBLE).dup('c').data().asDouble(),
                actual.dup('c').data().asDouble(), 0.0);
    }

    @Test
    void scalarRoundTrips() throws IOException {
        INDArray back = roundTrip(Nd4j.scalar(-3.25));
        assertEquals(0, back.rank());
        assertEquals(-3.25, back.getDouble(0), 0.0);
    }

    @Test
    void vectorRoundTrips() throws IOException {
        INDArray a = Nd4j.create(new double[] {1, -2.5, Double.MIN_VALUE, Double.MAX_VALUE, -0.0}, new long[] {5}, 'c');
        assertSameValues(a, roundTrip(a));
    }

    /** Arrays are streamed from their own memory in 64 KiB chunks: sizes across and between chunk edges. */
    @Test
    void arraysSpanningSeveralChunksRoundTripExactly() throws IOException {
        for (long[] shape : new long[][] {{8192}, {8193}, {301, 97}, {3, 128, 171}}) {
            INDArray a = Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(1e300);
            assertSameValues(a, roundTrip(a));
            INDArray f = Nd4j.rand(DataType.FLOAT, shape);
            assertSameValues(f, roundTrip(f));
            INDArray slice = Nd4j.rand(DataType.DOUBLE, 2 * shape[0], 20_000).getRow(1);
            assertSameValues(slice, roundTrip(slice));
        }
    }

    @Test
    void matrixRoundTripsExactly() throws IOException {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 7, 5);
        assertSameValues(a, roundTrip(a));
    }

    @Test
    void fourDimensionalArrayRoundTrips() throws IOException {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5);
        assertSameValues(a, roundTrip(a));
    }

    @Test
    void emptyArrayRoundTrips() throws IOException {
        INDArray back = roundTrip(Nd4j.create(DataType.DOUBLE, 0, 3));
        assertArrayEquals(new long[] {0, 3}, back.shape());
    }

    @Test
    void arrayLargerThanOneChunkRoundTrips() throws IOException {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 100, 101);
        assertSameValues(a, roundTrip(a));
    }

    @Test
    void floatArrayIsWrittenAsF4AndReadAsDouble() throws IOException {
        INDArray a = Nd4j.rand(DataType.FLOAT, 3, 4);
        Path file = dir.resolve("f.npy");
        Npy.write(file, a);
        assertTrue(headerText(file).contains("'descr': '<f4'"));
        assertEquals(headerBytes(file) + 4 * 12, Files.size(file));
        assertSameValues(a, Npy.read(file));
    }

    @Test
    void fortranOrderedArrayIsWrittenInCOrder() throws IOException {
        INDArray c = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c');
        assertSameValues(c, roundTrip(c.dup('f')));
    }

    @Test
    void viewIsWrittenWithItsOwnElementsOnly() throws IOException {
        INDArray m = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c');
        INDArray column = m.getColumn(1);
        assertArrayEquals(new double[] {2, 5}, roundTrip(column).data().asDouble(), 0.0);
    }

    @Test
    void integerArrayIsWrittenAsF8() throws IOException {
        INDArray ints = Nd4j.createFromArray(new int[] {7, -8});
        Path file = dir.resolve("i.npy");
        Npy.write(file, ints);
        assertTrue(headerText(file).contains("'descr': '<f8'"));
        assertArrayEquals(new double[] {7, -8}, Npy.readData(file), 0.0);
    }

    @Test
    void doubleArrayWithShapeRoundTrips() throws IOException {
        Path file = dir.resolve("d.npy");
        Npy.write(file, new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        INDArray back = Npy.read(file);
        assertArrayEquals(new long[] {3, 2}, back.shape());
        assertEquals(6.0, back.getDouble(2, 1), 0.0);
    }

    @Test
    void headerIsVersion1PaddedToMultipleOf64AndEndsWithNewline() throws IOException {
        Path file = dir.resolve("h.npy");
        Npy.write(file, new double[] {1, 2, 3}, 3);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(1, bytes[6]);
        assertEquals(0, bytes[7]);
        int total = headerBytes(file);
        assertEquals(0, total % 64);
        assertEquals('\n', bytes[total - 1]);
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", headerText(file).strip());
        assertEquals(total + 24, bytes.length);
    }

    @Test
    void headerTooLongForVersion1IsWrittenAsVersion2() throws IOException {
        long[] shape = new long[22_000];
        Arrays.fill(shape, 1);
        Path file = dir.resolve("v2.npy");
        Npy.write(file, new double[] {4.5}, shape);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(2, bytes[6]);
        int total = headerBytes(file);
        assertEquals(0, total % 64);
        assertEquals('\n', bytes[total - 1]);
        assertArrayEquals(new double[] {4.5}, Npy.readData(file), 0.0);
    }

    @Test
    void writingDataThatDoesNotMatchTheShapeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.write(dir.resolve("x.npy"), new double[5], 2, 3));
        assertTrue(e.getMessage().contains("holds 6 elements but 5 values"), e.getMessage());
    }

    @Test
    void writingANegativeDimensionIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.write(dir.resolve("x.npy"), new double[0], 2, -1));
        assertTrue(e.getMessage().contains("negative dimension -1"), e.getMessage());
    }

    /** Total length of magic, version, length field and header dict. */
    private static int headerBytes(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        return b.get(6) == 1 ? 10 + (b.getShort(8) & 0xFFFF) : 12 + b.getInt(8);
    }

    private static String headerText(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int start = bytes[6] == 1 ? 10 : 12;
        return new String(bytes, start, headerBytes(file) - start, StandardCharsets.ISO_8859_1);
    }
}

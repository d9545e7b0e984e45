package org.ntk4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.testkit.TestFixtures;

/** Reads files written by numpy 2.4 (src/test/resources/npy/generate.py). */
class NpyNumpyFilesTest {

    static {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static final double[] M = {0.0, 1.5, -2.25, 1e-300, Math.PI, -0.0};

    private static void assertArray(String file, long[] shape, double[] values) throws IOException {
        INDArray a = Npy.read(TestFixtures.resource("/npy/" + file));
        assertEquals(DataType.DOUBLE, a.dataType());
        assertArrayEquals(shape, a.shape());
        assertArrayEquals(values, a.dup('c').data().asDouble(), 0.0);
    }

    @Test
    void readsFloat64Matrix() throws IOException {
        assertArray("f8_2x3.npy", new long[] {2, 3}, M);
    }

    @Test
    void readsFloat32VectorAsDouble() throws IOException {
        assertArray("f4_3.npy", new long[] {3}, new double[] {0.5, -1.25, (float) Math.PI});
    }

    @Test
    void readsZeroDimensionalArray() throws IOException {
        INDArray a = Npy.read(TestFixtures.resource("/npy/f8_scalar.npy"));
        assertEquals(0, a.rank());
        assertEquals(2.5, a.getDouble(0), 0.0);
    }

    @Test
    void readsEmptyArray() throws IOException {
        assertArray("f8_0x3.npy", new long[] {0, 3}, new double[0]);
    }

    @Test
    void readsFourDimensionalArrayInCOrder() throws IOException {
        INDArray a = Npy.read(TestFixtures.resource("/npy/f8_4d.npy"));
        assertArrayEquals(new long[] {2, 3, 2, 2}, a.shape());
        assertEquals(1 * 12 + 2 * 4 + 1 * 2 + 0, a.getDouble(1, 2, 1, 0), 0.0);
    }

    @Test
    void readsInt32() throws IOException {
        assertArray("i4_2x2.npy", new long[] {2, 2}, new double[] {1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE});
    }

    @Test
    void readsInt64() throws IOException {
        assertArray("i8_3.npy", new long[] {3}, new double[] {-1, 0, 0x1p53});
    }

    @Test
    void readsUint8AsUnsigned() throws IOException {
        assertArray("u1_2x2.npy", new long[] {2, 2}, new double[] {0, 255, 7, 128});
    }

    @Test
    void readsInt8AsSigned() throws IOException {
        assertArray("i1_3.npy", new long[] {3}, new double[] {-128, 0, 127});
    }

    @Test
    void readsBoolAsZeroOrOne() throws IOException {
        assertArray("b1_4.npy", new long[] {4}, new double[] {1, 0, 1, 1});
    }

    @Test
    void readsVersion2Header() throws IOException {
        assertArray("f8_2x3_v2.npy", new long[] {2, 3}, M);
    }

    @Test
    void readsVersion3Header() throws IOException {
        assertArray("f8_2x3_v3.npy", new long[] {2, 3}, M);
    }

    @Test
    void readDataReturnsFlatValues() throws IOException {
        assertArrayEquals(M, Npy.readData(TestFixtures.resource("/npy/f8_2x3.npy")), 0.0);
    }
}

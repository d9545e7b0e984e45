package org.ntk4j.core;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Heap arrays into ND4J arrays by one bulk copy: {@code Nd4j.create(double[], ...)} copies
 * element by element through an indexer, which costs seconds for the 10⁸-entry Gram matrices of
 * large builds.
 */
public final class NdArrays {
    private NdArrays() {
    }

    /**
     * A C-order float64 array of {@code shape} holding {@code data}.
     *
     * @throws IllegalArgumentException when {@code data} has not exactly as many values as the shape
     */
    public static INDArray of(double[] data, long[] shape) {
        long length = 1;
        for (long d : shape) {
            length *= d;
        }
        if (length != data.length) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " holds " + length
                    + " values, got " + data.length);
        }
        INDArray a = Nd4j.createUninitialized(DataType.DOUBLE, shape, 'c');
        if (length > 0) {
            ((DoublePointer) a.data().addressPointer()).put(data, 0, data.length);
        }
        return a;
    }
}

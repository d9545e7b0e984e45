package org.ntk4j.core.preprocess;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

/** A batch (N, ...) as a flat C-order {@code double[]} with its shape, and back. */
record Features(double[] data, long[] shape) {
    /** Copies {@code x}, requiring a non-empty batch of rank ≥ 2. */
    static Features of(INDArray x, String name) {
        if (x == null || x.rank() < 2 || x.length() == 0) {
            throw new IllegalArgumentException(name + " must be a non-empty batch (N, ...), got "
                    + (x == null ? "null" : Arrays.toString(x.shape())));
        }
        return new Features(x.castTo(DataType.DOUBLE).dup('c').data().asDouble(), x.shape());
    }

    int rows() {
        return Math.toIntExact(shape[0]);
    }

    /** Values per example. */
    int width() {
        return data.length / rows();
    }

    /** Channels: the last axis. */
    int channels() {
        return Math.toIntExact(shape[shape.length - 1]);
    }

    /** The per-example shape, without the batch axis. */
    long[] exampleShape() {
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** Requires the same per-example shape as {@code fitted}. */
    void requireExampleShape(long[] fitted, String what) {
        if (!Arrays.equals(exampleShape(), fitted)) {
            throw new IllegalArgumentException(what + " was fitted on examples of shape " + Arrays.toString(fitted)
                    + ", got a batch " + Arrays.toString(shape));
        }
    }

    INDArray toNd4j() {
        Ntk4j.init();
        return Nd4j.create(data, shape, 'c');
    }
}

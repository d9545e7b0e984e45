package org.ntk4j.layers.finite;

import org.ntk4j.core.InputShape;

/**
 * Activations (or cotangents) of {@code n} examples of one per-example {@code shape}, flat
 * channels-last: {@code data[(e·P + p)·C + c]} for example {@code e}, position {@code p}, channel
 * {@code c}. Never modified after construction; layers allocate new arrays.
 */
record Batch(double[] data, int n, InputShape shape) {
    Batch {
        if (data.length != n * shape.size()) {
            throw new IllegalStateException("batch of " + n + " x " + shape + " holds " + data.length + " values");
        }
    }

    int positions() {
        return shape.positions();
    }

    int channels() {
        return shape.channels();
    }

    /** Rows of the (n·P, C) matrix view. */
    int rows() {
        return n * shape.positions();
    }

    /** The same data seen with another per-example shape of the same size (Flatten, Identity). */
    Batch reshape(InputShape to) {
        return new Batch(data, n, to);
    }
}

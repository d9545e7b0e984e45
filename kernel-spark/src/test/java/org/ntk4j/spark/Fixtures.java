package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;

/** Network specs, seeded inputs and a bit-for-bit comparison for the Spark tests. */
final class Fixtures {
    /** Pooled CNN: every pair computed on its own, P×P covariances inside. */
    static final String CNN_GAP = """
            {"layers": [
              {"type": "Conv", "out_chan": 1, "filter_shape": [3, 3], "padding": "SAME", "W_std": 1.5, "b_std": 0.1},
              {"type": "Relu"},
              {"type": "Conv", "out_chan": 1, "filter_shape": [3, 3], "padding": "SAME", "W_std": 1.3},
              {"type": "Erf"},
              {"type": "GlobalAvgPool"},
              {"type": "Dense", "out_dim": 1, "W_std": 1.5, "b_std": 0.05}]}""";
    /** Fully connected: tiles evaluated as blocks after one matrix product per row of tiles. */
    static final String FCN = """
            {"layers": [
              {"type": "Dense", "out_dim": 1, "W_std": 1.4, "b_std": 0.1}, {"type": "Relu"},
              {"type": "Dense", "out_dim": 1, "W_std": 1.4, "b_std": 0.1}, {"type": "Relu"},
              {"type": "Dense", "out_dim": 1, "W_std": 1.2}]}""";
    /** No readout: every entry is a full 3×3 × 3×3 spatial covariance, transposed when mirrored. */
    static final String CONV_NO_READOUT = """
            {"layers": [
              {"type": "Conv", "out_chan": 1, "filter_shape": [2, 2], "padding": "CIRCULAR", "W_std": 1.5, "b_std": 0.2},
              {"type": "Relu"}]}""";

    private Fixtures() {
    }

    /** Seeded N(0, 1) inputs of shape {@code (n, dims...)}. */
    static INDArray gaussian(long seed, int n, int... dims) {
        Ntk4j.init();
        long[] shape = new long[dims.length + 1];
        shape[0] = n;
        long size = n;
        for (int i = 0; i < dims.length; i++) {
            shape[i + 1] = dims[i];
            size *= dims[i];
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[] data = new double[Math.toIntExact(size)];
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextGaussian();
        }
        return Nd4j.create(data, shape, 'c');
    }

    static void assertBitIdentical(Kernel expected, Kernel actual) {
        assertArrayEquals(expected.nngp().shape(), actual.nngp().shape());
        assertArrayEquals(expected.nngp().data().asDouble(), actual.nngp().data().asDouble(), 0.0, "nngp");
        if (expected.ntk() == null) {
            assertNull(actual.ntk());
        } else {
            assertArrayEquals(expected.ntk().data().asDouble(), actual.ntk().data().asDouble(), 0.0, "ntk");
        }
    }
}

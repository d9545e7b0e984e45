package org.ntk4j.spark;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.testkit.Seeded;

/** Network specs and seeded inputs for the Spark tests. */
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
    static INDArray gaussian(long seed, long... shape) {
        return Seeded.gaussian(new SplittableRandom(seed), shape);
    }
}

package org.ntk4j.symmetry;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Seeded Gaussian test inputs and array comparisons. */
final class SymmetryTestData {
    private SymmetryTestData() {
    }

    /** A batch of standard normal values of the given shape (batch axis first). */
    static INDArray gaussian(long seed, long... shape) {
        return RandomInputs.gaussian(seed, shape);
    }

    /** max|a − b|. */
    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}

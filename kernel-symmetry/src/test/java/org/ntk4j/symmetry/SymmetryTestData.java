package org.ntk4j.symmetry;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

/** Seeded Gaussian test inputs and array comparisons. */
final class SymmetryTestData {
    private SymmetryTestData() {
    }

    /** A batch of standard normal values of the given shape (batch axis first). */
    static INDArray gaussian(long seed, long... shape) {
        Ntk4j.init();
        SplittableRandom rng = new SplittableRandom(seed);
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] data = new double[Math.toIntExact(n)];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextGaussian();
        }
        return Nd4j.create(data, shape, 'c');
    }

    /** max|a − b|. */
    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}

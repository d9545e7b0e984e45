package org.ntk4j.symmetry;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

/** Seeded random inputs for invariance checks. */
public final class RandomInputs {
    private RandomInputs() {
    }

    /** An array of independent standard normal values of {@code shape} (batch axis first), float64. */
    public static INDArray gaussian(long seed, long... shape) {
        Ntk4j.init();
        SplittableRandom rng = new SplittableRandom(seed);
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        double[] data = new double[Math.toIntExact(n)];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextGaussian();
        }
        return Nd4j.create(data, shape, 'c');
    }
}

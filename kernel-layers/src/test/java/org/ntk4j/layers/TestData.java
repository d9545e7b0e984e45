package org.ntk4j.layers;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

/** Seeded Gaussian test inputs. */
public final class TestData {
    private TestData() {
    }

    /** A batch of standard normal values of the given shape (batch axis first), seeded. */
    public static INDArray gaussian(long seed, long... shape) {
        Ntk4j.init();
        SplittableRandom rng = new SplittableRandom(seed);
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] data = new double[Math.toIntExact(n)];
        for (int i = 0; i < data.length; i++) {
            data[i] = gauss(rng);
        }
        return Nd4j.create(data, shape, 'c');
    }

    static double gauss(SplittableRandom rng) {
        double u = rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}

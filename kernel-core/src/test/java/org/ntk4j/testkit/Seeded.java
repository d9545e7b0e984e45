package org.ntk4j.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.io.Npy;

/**
 * Seeded test inputs. Two sources of standard normal values, kept apart because tests were tuned on
 * their exact draws: {@link #gaussian(long, long...)} (Box–Muller over {@link SplittableRandom#nextDouble()})
 * and {@link #gaussian(RandomGenerator, long...)} (the generator's own {@code nextGaussian}, for
 * {@code new SplittableRandom(seed)} or {@code new java.util.Random(seed)}).
 */
public final class Seeded {
    private Seeded() {
    }

    /** Standard normal values of {@code shape} (batch axis first), by Box–Muller from {@code new SplittableRandom(seed)}. */
    public static INDArray gaussian(long seed, long... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] data = new double[size(shape)];
        for (int i = 0; i < data.length; i++) {
            double u = rng.nextDouble(), v = rng.nextDouble();
            data[i] = Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
        }
        return array(data, shape);
    }

    /** Values of {@code shape} (C order) drawn one by one with {@code rng.nextGaussian()}. */
    public static INDArray gaussian(RandomGenerator rng, long... shape) {
        return array(gaussians(rng, size(shape)), shape);
    }

    /** {@code n} values drawn with {@code rng.nextGaussian()}. */
    public static double[] gaussians(RandomGenerator rng, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextGaussian();
        }
        return a;
    }

    /** {@code n} values drawn with {@code new SplittableRandom(seed).nextGaussian()}. */
    public static double[] gaussians(long seed, int n) {
        return gaussians(new SplittableRandom(seed), n);
    }

    /** Writes {@code scale·rng.nextGaussian()} values of {@code shape} (C order) as a float64 .npy file. */
    public static Path gaussianNpy(Path file, RandomGenerator rng, double scale, long... shape) throws IOException {
        double[] data = gaussians(rng, size(shape));
        for (int i = 0; i < data.length; i++) {
            data[i] *= scale;
        }
        Npy.write(file, data, shape);
        return file;
    }

    /** As {@link #gaussianNpy(Path, RandomGenerator, double, long...)} with scale 1. */
    public static Path gaussianNpy(Path file, RandomGenerator rng, long... shape) throws IOException {
        return gaussianNpy(file, rng, 1, shape);
    }

    /**
     * {@code n} covariance triples {@code (q12, q11, q22)} for elementwise kernels: variances uniform in
     * [0.05, 0.05 + span], correlation ρ uniform in [−1, 1] except the first cases, which take
     * {@code edges} in order (ρ = ±1 and near it, where closed forms are delicate).
     */
    public static double[][] covarianceTriples(long seed, int n, double span, double... edges) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            double q11 = 0.05 + span * r.nextDouble();
            double q22 = 0.05 + span * r.nextDouble();
            double rho = t < edges.length ? edges[t] : 2 * r.nextDouble() - 1;
            out[t] = new double[] {rho * Math.sqrt(q11 * q22), q11, q22};
        }
        return out;
    }

    private static int size(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    private static INDArray array(double[] data, long... shape) {
        Ntk4j.init();
        return Nd4j.create(data, shape, 'c');
    }
}

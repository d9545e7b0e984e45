package org.ntk4j.examples;

import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;

/**
 * Keeps a reused Fig. 2 cell honest: when Theorem 4.1 says the kernel of a network is invariant
 * under a transform τ, the cell on τ-transformed data reuses the untransformed Grams; this check
 * recomputes the kernel on {@code k} random test images × {@code k} random training images (and
 * the {@code k × k} train-train block of the same training images) of the transformed data and
 * fails loudly if any NNGP or NTK entry differs from the reused one by more than {@code tolerance}
 * relative to the larger magnitude of the two.
 */
final class InvarianceSpotCheck {
    /** The tolerance of float64 builds: Theorem 4.1's invariances hold to round-off. */
    static final double FLOAT64_TOLERANCE = 1e-10;
    /** The tolerance of float32 builds (each side carries float32 round-off, ≈ 1e-6 relative). */
    static final double FLOAT32_TOLERANCE = 1e-4;

    private InvarianceSpotCheck() {
    }

    /**
     * Recomputes the sampled entries and compares them with {@code reusedTrainTrain} (N, N) and
     * {@code reusedTestTrain} (M, N); returns the largest relative deviation found.
     *
     * @throws IllegalStateException naming the cell and the worst entry when it exceeds {@code tolerance}
     */
    static double check(String cell, KernelFunction net, Kernel reusedTrainTrain, Kernel reusedTestTrain,
            Fig2Data transformed, int k, SplittableRandom random, double tolerance) {
        int n = transformed.trainSize();
        int m = transformed.testSize();
        long[] train = sample(n, Math.min(k, n), random);
        long[] test = sample(m, Math.min(k, m), random);
        INDArray xTrain = transformed.xTrain().get(NDArrayIndex.indices(train));
        INDArray xTest = transformed.xTest().get(NDArrayIndex.indices(test));
        Gram gram = Gram.of(net).threads(1);
        Kernel tt = gram.compute(xTrain);
        Kernel st = gram.compute(xTest, xTrain);
        double worst = 0;
        String where = "";
        for (int a = 0; a < train.length; a++) {
            for (int b = 0; b < train.length; b++) {
                double[] d = deviation(tt, a, b, reusedTrainTrain, train[a], train[b]);
                if (d[0] > worst) {
                    worst = d[0];
                    where = String.format(Locale.ROOT, "train-train (%d, %d): recomputed %.17g, reused %.17g",
                            train[a], train[b], d[1], d[2]);
                }
            }
        }
        for (int a = 0; a < test.length; a++) {
            for (int b = 0; b < train.length; b++) {
                double[] d = deviation(st, a, b, reusedTestTrain, test[a], train[b]);
                if (d[0] > worst) {
                    worst = d[0];
                    where = String.format(Locale.ROOT, "test-train (%d, %d): recomputed %.17g, reused %.17g",
                            test[a], train[b], d[1], d[2]);
                }
            }
        }
        if (!(worst <= tolerance)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "invariance spot check failed for %s: "
                    + "relative deviation %.3g > %.0e at %s (the reused Gram is not the kernel of the transformed "
                    + "data; Theorem 4.1 or the build is broken)", cell, worst, tolerance, where));
        }
        return worst;
    }

    /** {worst relative deviation of NNGP and NTK, recomputed NTK, reused NTK} of one entry. */
    private static double[] deviation(Kernel fresh, int a, int b, Kernel reused, long i, long j) {
        double worst = 0;
        double[] ntk = new double[2];
        for (int which = 0; which < 2; which++) {
            INDArray f = which == 0 ? fresh.nngp() : fresh.ntk();
            INDArray r = which == 0 ? reused.nngp() : reused.ntk();
            if (f == null || r == null) {
                continue;
            }
            double x = f.getDouble(a, b);
            double y = r.getDouble(i, j);
            double scale = Math.max(Math.abs(x), Math.abs(y));
            double rel = scale == 0 ? 0 : Math.abs(x - y) / scale;
            worst = Double.isNaN(rel) ? Double.POSITIVE_INFINITY : Math.max(worst, rel);
            ntk[0] = x;
            ntk[1] = y;
        }
        return new double[] {worst, ntk[0], ntk[1]};
    }

    /** {@code k} distinct indices of {@code [0, n)}, sorted. */
    private static long[] sample(int n, int k, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.stream(all, 0, k).sorted().asLongStream().toArray();
    }
}

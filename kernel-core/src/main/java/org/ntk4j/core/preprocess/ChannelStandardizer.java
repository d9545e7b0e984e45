package org.ntk4j.core.preprocess;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-channel standardisation, channels-last: fitted on a training batch (N, ..., C), it maps
 * {@code x[..., c] ↦ (x[..., c] − mean_c) / std_c}, with {@code mean_c} and the population
 * {@code std_c} (divide by the count) over every example and position of the training set.
 * Test data are transformed with the training statistics. A constant channel ({@code std_c = 0})
 * is only centred.
 */
public final class ChannelStandardizer {
    private final double[] mean;
    private final double[] std;
    private final long[] exampleShape;

    private ChannelStandardizer(double[] mean, double[] std, long[] exampleShape) {
        this.mean = mean;
        this.std = std;
        this.exampleShape = exampleShape;
    }

    /** Computes the per-channel mean and std of {@code train} (N, ..., C). */
    public static ChannelStandardizer fit(INDArray train) {
        Features f = Features.of(train, "training batch");
        int c = f.channels();
        double[] sum = new double[c];
        double[] sumSq = new double[c];
        for (int i = 0; i < f.data().length; i++) {
            sum[i % c] += f.data()[i];
        }
        long count = f.data().length / c;
        double[] mean = new double[c];
        for (int j = 0; j < c; j++) {
            mean[j] = sum[j] / count;
        }
        for (int i = 0; i < f.data().length; i++) {
            double d = f.data()[i] - mean[i % c];
            sumSq[i % c] += d * d;
        }
        double[] std = new double[c];
        for (int j = 0; j < c; j++) {
            std[j] = Math.sqrt(sumSq[j] / count);
        }
        return new ChannelStandardizer(mean, std, f.exampleShape());
    }

    /** The standardised copy of {@code x}, whose examples must have the training shape. */
    public INDArray apply(INDArray x) {
        Features f = Features.of(x, "batch");
        f.requireExampleShape(exampleShape, "the standardizer");
        int c = mean.length;
        double[] d = f.data();
        for (int i = 0; i < d.length; i++) {
            int j = i % c;
            d[i] = (d[i] - mean[j]) / (std[j] > 0 ? std[j] : 1.0);
        }
        return f.toNd4j();
    }

    /** Training mean per channel. */
    public double[] mean() {
        return mean.clone();
    }

    /** Training standard deviation per channel. */
    public double[] std() {
        return std.clone();
    }

    @Override
    public String toString() {
        return "ChannelStandardizer[mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + "]";
    }
}

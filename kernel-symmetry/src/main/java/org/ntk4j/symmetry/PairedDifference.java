package org.ntk4j.symmetry;

/**
 * The Monte Carlo estimate of a paired difference {@code E[D]} with
 * {@code D = f(τx)f(τx') − f(x)f(x')} over random network draws (the same draw for x and τx):
 * {@code mean} = the sample mean of D over {@code draws}, {@code standardError} = its sample
 * standard deviation / √draws, {@code reference} = the estimate of {@code E[f(x)f(x')]} from the
 * same draws (the scale the difference is compared with).
 */
public record PairedDifference(double mean, double standardError, double reference, int draws) {
    /** Checks the draw count and the standard error. */
    public PairedDifference {
        if (draws < 2 || !(standardError >= 0)) {
            throw new IllegalArgumentException("a paired difference needs at least 2 draws and a standard error ≥ 0, "
                    + "got " + draws + " draws, SE " + standardError);
        }
    }

    /** The mean and standard error of the sample {@code d} (one value per draw), with the reference. */
    static PairedDifference of(double[] d, double reference) {
        int n = d.length;
        double mean = 0;
        for (double v : d) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : d) {
            ss += (v - mean) * (v - mean);
        }
        return new PairedDifference(mean, Math.sqrt(ss / (n - 1) / n), reference, n);
    }

    /** {@code mean / standardError}: how many standard errors the effect is from 0 (±∞ when SE = 0 and mean ≠ 0, 0 when both are 0). */
    public double z() {
        return mean == 0 ? 0 : mean / standardError;
    }

    /** Whether {@code |mean| > k·standardError}: the effect is resolved from Monte Carlo noise at k standard errors. */
    public boolean resolved(double k) {
        return Math.abs(mean) > k * standardError;
    }

    /** {@code mean / |reference|}: the effect relative to the second moment itself. */
    public double relative() {
        return mean / Math.abs(reference);
    }
}

package org.ntk4j.examples;

import java.util.SplittableRandom;

/**
 * The statistics of the Fig. 2 reproduction: Wilson score intervals for an accuracy, the exact
 * McNemar test for two classifiers scored on the same test images, its generalisation to
 * repeat-averaged scores (a paired sign-flip randomisation test), mean and sample standard
 * deviation.
 */
public final class Stats {
    /** The normal quantile of a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    private Stats() {
    }

    /**
     * The Wilson score interval {@code [low, high]} of a proportion with {@code successes} out of
     * {@code n} trials (successes may be fractional, e.g. an accuracy averaged over draws times n):
     * {@code (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)}.
     *
     * @throws IllegalArgumentException unless {@code n ≥ 1}, {@code 0 ≤ successes ≤ n} and {@code z > 0}
     */
    public static double[] wilson(double successes, int n, double z) {
        if (n < 1 || !(successes >= 0) || successes > n || !(z > 0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("Wilson interval needs n ≥ 1, 0 ≤ successes ≤ n and z > 0, got "
                    + successes + " of " + n + ", z " + z);
        }
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * The two-sided exact McNemar p-value for {@code b} test images that only the first classifier
     * gets right and {@code c} that only the second does: under the null hypothesis b ~ Binomial(b + c,
     * ½), {@code p = min(1, 2·Σ_{k ≤ min(b, c)} C(b + c, k) / 2^(b+c))}; 1 when b = c = 0.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public static double mcnemarExact(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be ≥ 0, got " + b + " and " + c);
        }
        int n = b + c;
        int m = Math.min(b, c);
        if (n == 0) {
            return 1;
        }
        // Σ_{k ≤ m} C(n, k) 2^-n in log space, so that n in the thousands neither overflows nor underflows.
        double logHalfN = -n * Math.log(2);
        double sum = 0;
        double logC = 0; // log C(n, 0)
        for (int k = 0; k <= m; k++) {
            sum += Math.exp(logC + logHalfN);
            logC += Math.log((double) (n - k) / (k + 1));
        }
        return Math.min(1, 2 * sum);
    }

    /**
     * A two-sided paired test of "the mean of d is zero" by flipping signs: d[i] is the difference
     * of two classifiers' scores on test image i (each score the fraction of draws that classify the
     * image correctly). When every d[i] is −1, 0 or 1 (single draws on both sides) this is exactly
     * {@link #mcnemarExact}; otherwise {@code rounds} random sign flips estimate
     * {@code P(|Σ ±d| ≥ |Σ d|)} as {@code (1 + hits) / (1 + rounds)}.
     */
    public static double pairedSignFlip(double[] d, int rounds, long seed) {
        int b = 0;
        int c = 0;
        boolean ternary = true;
        double observed = 0;
        for (double v : d) {
            observed += v;
            if (v == 1) {
                b++;
            } else if (v == -1) {
                c++;
            } else if (v != 0) {
                ternary = false;
            }
        }
        if (ternary) {
            return mcnemarExact(b, c);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be ≥ 1, got " + rounds);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double threshold = Math.abs(observed) - 1e-9;
        int hits = 0;
        for (int r = 0; r < rounds; r++) {
            double s = 0;
            for (double v : d) {
                s += random.nextBoolean() ? v : -v;
            }
            hits += Math.abs(s) >= threshold ? 1 : 0;
        }
        return (1.0 + hits) / (1.0 + rounds);
    }

    /** The arithmetic mean. */
    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The sample standard deviation (n − 1 in the denominator); 0 for fewer than two values. */
    public static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}

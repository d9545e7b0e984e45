package org.ntk4j.symmetry.ensemble;

/**
 * Invariance measures over group orbits (seed 001, experiments), on values {@code v[a][m]} of the
 * a-th group element's transformed input {@code ρ_X(g_a)x_m} (a = 0 the identity):
 * <ul>
 *   <li>relative orbit standard deviation {@code std_g f(ρ(g)x) / |mean_g f(ρ(g)x)|} per input
 *       (population std over the |G| elements; 0 when the whole orbit is 0);</li>
 *   <li>orbit-same predictions: how many of the orbit's predicted classes (argmax over outputs)
 *       agree with the class predicted for the untransformed input, counting the identity (1 … |G|).</li>
 * </ul>
 */
public final class OrbitStatistics {
    private OrbitStatistics() {
    }

    /** Per input m: {@code std_a v[a][m] / |mean_a v[a][m]|}. */
    public static double[] relativeStd(double[][] values) {
        int g = values.length;
        int m = values[0].length;
        double[] out = new double[m];
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (double[] v : values) {
                mean += v[j];
            }
            mean /= g;
            double var = 0;
            for (double[] v : values) {
                var += (v[j] - mean) * (v[j] - mean);
            }
            double std = Math.sqrt(var / g);
            out[j] = std == 0 ? 0 : std / Math.abs(mean);
        }
        return out;
    }

    /** Per input m: the number of a with {@code argmax_k scores[a][m][k] == argmax_k scores[0][m][k]}. */
    public static int[] orbitSame(double[][][] scores) {
        int m = scores[0].length;
        int[] out = new int[m];
        for (int j = 0; j < m; j++) {
            int reference = argmax(scores[0][j]);
            for (double[][] s : scores) {
                if (argmax(s[j]) == reference) {
                    out[j]++;
                }
            }
        }
        return out;
    }

    /** The index of the largest entry (the first on ties). */
    public static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The mean of the entries. */
    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The mean of the entries. */
    public static double mean(int[] v) {
        double s = 0;
        for (int x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The median (the mean of the two middle entries for an even count). */
    public static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** The largest entry. */
    public static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}

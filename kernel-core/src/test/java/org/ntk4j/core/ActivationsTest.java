package org.ntk4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The vectorised and scalar ABReLU transforms agree, and the build runs the vectorised one. */
class ActivationsTest {

    @Test
    void theBuildRunsTheVectorisedPath() {
        assertTrue(Activations.VECTORISED, "tests must run with --add-modules jdk.incubator.vector");
    }

    /** States with random covariances, including exact ±1 correlations, zero variances and zero entries. */
    private static KernelState[] twoStates(boolean full, int positions, long seed, double[] cov1, double[] cov2) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int p = 0; p < positions; p++) {
            cov1[p] = p % 7 == 3 ? 0.0 : rng.nextDouble(0.1, 3);
            cov2[p] = p % 5 == 1 ? 0.0 : rng.nextDouble(0.1, 3);
        }
        int[] dims = {positions};
        KernelShape shape = new KernelShape(dims, 1, full, true, "test");
        KernelState a = KernelState.of(shape.length()), b = KernelState.of(shape.length());
        for (KernelState k : new KernelState[] {a, b}) {
            k.begin(shape, true, cov1, cov2, false);
        }
        for (int i = 0; i < shape.length(); i++) {
            int p = full ? i / positions : i, q = full ? i % positions : i;
            double bound = Math.sqrt(cov1[p] * cov2[q]);
            double q12 = switch (i % 4) {
                case 0 -> bound;
                case 1 -> -bound;
                case 2 -> 0.0;
                default -> rng.nextDouble(-bound, bound + Double.MIN_VALUE);
            };
            double ntk = rng.nextDouble(-2, 2);
            a.nngp()[i] = b.nngp()[i] = q12;
            a.ntk()[i] = b.ntk()[i] = ntk;
        }
        return new KernelState[] {a, b};
    }

    /**
     * At variances whose product over- or underflows, lanes and scalar code still agree bit for bit
     * (both rescale by powers of two), and the result is the unscaled one times λ (homogeneity; λ is a
     * power of two, so the scaled inputs are exact).
     */
    @ParameterizedTest
    @CsvSource({"0x1p530,true", "0x1p-530,false", "0x1p660,false", "0x1p-990,true"})
    void extremeVariancesAreRescaledAlikeOnLanesAndInScalarCode(double lambda, boolean full) {
        int positions = 37;
        double[] cov1 = new double[positions], cov2 = new double[positions];
        KernelState[] s = twoStates(full, positions, 5, cov1, cov2);
        KernelState[] ref = twoStates(full, positions, 5, new double[positions], new double[positions]);
        int len = s[0].shape().length();
        for (int p = 0; p < positions; p++) {
            cov1[p] *= lambda;
            cov2[p] *= lambda;
        }
        for (KernelState k : s) {
            for (int i = 0; i < len; i++) {
                k.nngp()[i] *= lambda;
            }
        }
        int rows = Activations.rows(s[0]);
        VectorActivations.abRelu(0.5, 1 / (2 * Math.PI), s[0], 0, 0, rows);
        AbReluRows.scalar(0.5, 1 / (2 * Math.PI), s[1], 0, 0, rows);
        AbReluRows.scalar(0.5, 1 / (2 * Math.PI), ref[0], 0, 0, rows);
        for (int i = 0; i < len; i++) {
            assertEquals(s[1].nngp()[i], s[0].nngp()[i], 0.0, "nngp " + i);
            assertEquals(s[1].ntk()[i], s[0].ntk()[i], 0.0, "ntk " + i);
            double expected = ref[0].nngp()[i] * lambda;
            assertEquals(expected, s[0].nngp()[i], 1e-14 * Math.abs(lambda) * (1 + Math.abs(ref[0].nngp()[i])), "nngp " + i);
            assertEquals(ref[0].ntk()[i], s[0].ntk()[i], 1e-14, "ntk " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"0,1,true,37", "0,1,false,37", "0.2,1,true,9", "-1,1,false,64", "0.5,-1.5,true,13"})
    void vectorisedAndScalarAbReluGiveTheSameBits(double a, double b, boolean full, int positions) {
        double[] cov1 = new double[positions], cov2 = new double[positions];
        KernelState[] s = twoStates(full, positions, 11, cov1, cov2);
        int rows = Activations.rows(s[0]);
        VectorActivations.abRelu(Activations.mean(a, b), Activations.factor(a, b), s[0], 0, 0, rows);
        AbReluRows.scalar(Activations.mean(a, b), Activations.factor(a, b), s[1], 0, 0, rows);
        int len = s[0].shape().length();
        for (int i = 0; i < len; i++) {
            assertEquals(s[1].nngp()[i], s[0].nngp()[i], 0.0, "nngp " + i);
            assertEquals(s[1].ntk()[i], s[0].ntk()[i], 0.0, "ntk " + i);
        }
    }

    @Test
    void angleMatchesMathAtan2ToTwoUlps() {
        SplittableRandom rng = new SplittableRandom(5);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            double s = Math.abs(rng.nextDouble(-1, 1)) * Math.pow(10, rng.nextInt(-8, 9));
            double q = rng.nextDouble(-1, 1) * Math.pow(10, rng.nextInt(-8, 9));
            double expected = Math.atan2(s, q);
            worst = Math.max(worst, Math.abs(ArcTan.angle(s, q) - expected) / expected);
        }
        assertTrue(worst <= 5e-16, "worst relative error " + worst);
        assertEquals(Math.PI / 2, ArcTan.angle(0, 0));
        assertEquals(Math.PI / 2, ArcTan.angle(1, 0));
        assertEquals(0.0, ArcTan.angle(0, 1));
        assertEquals(Math.PI, ArcTan.angle(0, -1));
    }

    @Test
    void vectorAngleEqualsScalarAngleOnEdgeCases() {
        double[] s = {0, 0, 0, 1, 1e-300, 1, 3, 2.414213562373095, 2.4142135623730954, 0.66, 0.6600000000000001, 5e-324,
                1e300, 0.5};
        double[] q = {0, 1, -1, 0, 1, 1, -1, 1, 1, 1, 1, -1, 1e-300, Double.MIN_VALUE};
        jdk.incubator.vector.VectorSpecies<Double> sp = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED;
        for (int i = 0; i < s.length; i++) {
            double[] sv = new double[sp.length()], qv = new double[sp.length()], out = new double[sp.length()];
            java.util.Arrays.fill(sv, s[i]);
            java.util.Arrays.fill(qv, q[i]);
            VectorActivations.angle(jdk.incubator.vector.DoubleVector.fromArray(sp, sv, 0),
                    jdk.incubator.vector.DoubleVector.fromArray(sp, qv, 0)).intoArray(out, 0);
            assertEquals(ArcTan.angle(s[i], q[i]), out[0], 0.0, "s=" + s[i] + " q=" + q[i]);
            assertEquals(Math.atan2(s[i], q[i]), out[0], 3e-16 * Math.max(out[0], 1e-300) + (s[i] == 0 && q[i] == 0
                    ? Math.PI / 2 : 0), "s=" + s[i] + " q=" + q[i]);
        }
    }
}

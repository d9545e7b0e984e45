package org.ntk4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The float32 loops: the vectorised and scalar paths give the same bits, and each agrees with its
 * float64 original to float32 rounding.
 */
class Float32OpsTest {

    /** A float32 and a float64 state holding the same random covariances (float32 values), with ±1 correlations. */
    private static KernelState[] states(boolean full, int positions, long seed, double[] cov1, double[] cov2) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int p = 0; p < positions; p++) {
            cov1[p] = p % 7 == 3 ? 0.0 : (float) rng.nextDouble(0.1, 3);
            cov2[p] = p % 5 == 1 ? 0.0 : (float) rng.nextDouble(0.1, 3);
        }
        KernelShape shape = new KernelShape(new int[] {positions}, 1, full, true, "test");
        KernelState[] s = {KernelState.of(shape.length(), Precision.FLOAT32),
            KernelState.of(shape.length(), Precision.FLOAT32), KernelState.of(shape.length())};
        for (KernelState k : s) {
            k.begin(shape, true, cov1, cov2, false);
        }
        for (int i = 0; i < shape.length(); i++) {
            int p = full ? i / positions : i, q = full ? i % positions : i;
            float bound = (float) Math.sqrt(cov1[p] * cov2[q]);
            float q12 = switch (i % 4) {
                case 0 -> bound;
                case 1 -> -bound;
                case 2 -> 0.0f;
                default -> (float) rng.nextDouble(-0.99 * bound, 0.99 * bound + Double.MIN_VALUE);
            };
            float ntk = (float) rng.nextDouble(-2, 2);
            s[0].nngp32()[i] = s[1].nngp32()[i] = q12;
            s[0].ntk32()[i] = s[1].ntk32()[i] = ntk;
            s[2].nngp()[i] = q12;
            s[2].ntk()[i] = ntk;
        }
        return s;
    }

    @ParameterizedTest
    @CsvSource({"0,1,true,37", "0,1,false,37", "0.2,1,true,9", "-1,1,false,64", "0.5,-1.5,true,13"})
    void vectorisedAndScalarAbReluGiveTheSameBitsAndFollowFloat64(double a, double b, boolean full, int positions) {
        double[] cov1 = new double[positions], cov2 = new double[positions];
        KernelState[] s = states(full, positions, 11, cov1, cov2);
        int rows = Activations.rows(s[0]);
        float mean = (float) Activations.mean(a, b), factor = (float) Activations.factor(a, b);
        FloatVectorActivations.abRelu(mean, factor, s[0], 0, 0, rows);
        FloatAbReluRows.scalar(mean, factor, s[1], 0, 0, rows);
        Activations.abReluRows(a, b, s[2], 0, 0, rows);
        int len = s[0].shape().length();
        double scale = 0;
        for (int i = 0; i < len; i++) {
            scale = Math.max(scale, Math.abs(s[2].nngp()[i]));
        }
        for (int i = 0; i < len; i++) {
            assertEquals(s[1].nngp32()[i], s[0].nngp32()[i], 0.0f, "nngp " + i);
            assertEquals(s[1].ntk32()[i], s[0].ntk32()[i], 0.0f, "ntk " + i);
            // Exact ±1 correlations: θ is √ε-sensitive, so compare at the kernel's scale.
            assertEquals(s[2].nngp()[i], s[0].nngp32()[i], 2e-6 * scale, "nngp " + i + " vs float64");
            // K̇ moves by about (a−b)²·√ε_float/(2π) there; ntk entries are at most 2 in size.
            assertEquals(s[2].ntk()[i], s[0].ntk32()[i], 2.5e-4 * Math.max(1, (a - b) * (a - b) / 2),
                    "ntk " + i + " vs float64");
        }
    }

    @Test
    void float32AngleMatchesMathAtan2ToFloatRounding() {
        SplittableRandom rng = new SplittableRandom(5);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            float s = (float) (Math.abs(rng.nextDouble(-1, 1)) * Math.pow(10, rng.nextInt(-8, 9)));
            float q = (float) (rng.nextDouble(-1, 1) * Math.pow(10, rng.nextInt(-8, 9)));
            double expected = Math.atan2(s, q);
            worst = Math.max(worst, Math.abs(FloatArcTan.angle(s, q) - expected) / expected);
        }
        assertTrue(worst <= 3e-7, "worst relative error " + worst);
        assertTrue(worst > 1e-9, "float32 angle is suspiciously exact: " + worst);
        assertEquals((float) (Math.PI / 2), FloatArcTan.angle(0, 0));
        assertEquals((float) (Math.PI / 2), FloatArcTan.angle(1, 0));
        assertEquals(0.0f, FloatArcTan.angle(0, 1));
        assertEquals((float) Math.PI, FloatArcTan.angle(0, -1));
    }

    @ParameterizedTest
    @CsvSource({"6,5,3,3,1,1,SAME", "7,4,3,2,1,1,CIRCULAR", "5,6,3,3,2,1,SAME", "6,5,2,3,1,1,VALID"})
    void float32PassesGiveTheSameBitsOnLanesAndFollowFloat64(int h, int w, int fh, int fw, int sh, int sw,
            String padding) {
        Padding pad = Padding.parse(padding);
        AxisTaps[] taps = {AxisTaps.of(h, fh, sh, pad, false), AxisTaps.of(w, fw, sw, pad, false)};
        int p = h * w;
        SplittableRandom rng = new SplittableRandom(3);
        for (boolean full : new boolean[] {true, false}) {
            int len = full ? p * p : p;
            KernelState k64 = KernelState.of(len), k32 = KernelState.of(len, Precision.FLOAT32);
            for (int i = 0; i < len; i++) {
                float v = (float) rng.nextDouble(-1, 1);
                k64.nngp()[i] = v;
                k32.nngp32()[i] = v;
            }
            float[] in = k32.nngp32().clone();
            double[] d = SpatialOps.sweep(k64.nngp(), k64, taps, full, false);
            float[] f = FloatSpatialOps.sweep(k32.nngp32(), k32, taps, full, false);
            float[] ref = new float[len], tmp = new float[len];
            int outer = 1;
            for (int j = 0; j < 2; j++) {
                int inner = j == 0 ? taps[1].in : 1;
                float[] src = j == 0 ? in : tmp, dst = j == 0 ? tmp : ref;
                if (full) {
                    FloatSpatialOps.convPassFullScalar(src, dst, outer, inner, taps[j]);
                } else {
                    FloatSpatialOps.convPassDiagScalar(src, dst, outer, inner, taps[j]);
                }
                outer *= taps[j].out;
            }
            int outLen = full ? outer * outer : outer;
            for (int i = 0; i < outLen; i++) {
                assertEquals(ref[i], f[i], 0.0f, (full ? "full " : "diagonal ") + i);
                assertEquals(d[i], f[i], 1e-6, (full ? "full " : "diagonal ") + i + " vs float64");
            }
        }
    }

    @Test
    void float32StatesRefuseDoubleAccessAndCopyChainsAsFloats() {
        KernelState k = KernelState.of(4, Precision.FLOAT32);
        assertThrows(IllegalStateException.class, k::nngp);
        assertThrows(IllegalStateException.class, () -> KernelState.of(4).nngp32());
        double[] chain = {0.1, 0.2};
        k.begin(new KernelShape(new int[] {2}, 1, false, true, "t"), true, chain, chain, false);
        assertEquals(0.1f, k.cov1f()[0]);
        assertEquals(0.2f, k.cov2f()[1]);
        assertEquals(Precision.FLOAT32, Precision.parse("fp32"));
        assertThrows(IllegalArgumentException.class, () -> Precision.parse("half"));
    }
}

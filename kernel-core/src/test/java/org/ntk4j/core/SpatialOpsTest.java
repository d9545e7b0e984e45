package org.ntk4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The separable per-axis passes against a brute-force 2D evaluation of the kernel definitions
 * (SPEC: Conv, AvgPool), with the lax padding rule written out independently here.
 */
class SpatialOpsTest {

    /** Input index of output {@code o}, tap {@code t}, or -1 in zero padding (lax SAME: lo = total / 2). */
    private static int index(int o, int t, int n, int f, int s, String padding) {
        if (padding.equals("VALID")) {
            return o * s + t;
        }
        int out = (n + s - 1) / s;
        int lo = Math.max((out - 1) * s + f - n, 0) / 2;
        int i = o * s + t - lo;
        if (padding.equals("CIRCULAR")) {
            return Math.floorMod(i, n);
        }
        return i >= 0 && i < n ? i : -1;
    }

    private static int outSize(int n, int f, int s, String padding) {
        return padding.equals("VALID") ? (n - f) / s + 1 : (n + s - 1) / s;
    }

    private static AxisTaps[] taps(int h, int w, int fh, int fw, int sh, int sw, String padding, boolean normalize) {
        Padding p = Padding.parse(padding);
        return new AxisTaps[] {AxisTaps.of(h, fh, sh, p, normalize), AxisTaps.of(w, fw, sw, p, normalize)};
    }

    private static double[] random(int n, long seed) {
        return new SplittableRandom(seed).doubles(n, -1, 1).toArray();
    }

    @ParameterizedTest
    @CsvSource({"5,6,3,3,1,1,SAME", "5,6,3,2,2,1,SAME", "6,5,2,3,2,2,VALID", "5,7,3,3,2,3,CIRCULAR", "4,4,4,1,1,1,SAME",
            "7,3,2,3,3,1,CIRCULAR"})
    void fullConvolutionPassesEqualTheTwoDimensionalDefinition(int h, int w, int fh, int fw, int sh, int sw,
            String padding) {
        int p = h * w;
        double[] in = random(p * p, 1);
        KernelState k = KernelState.of(p * p);
        System.arraycopy(in, 0, k.nngp(), 0, p * p);
        double[] got = SpatialOps.sweep(k.nngp(), k, taps(h, w, fh, fw, sh, sw, padding, false), true, false);
        int oh = outSize(h, fh, sh, padding), ow = outSize(w, fw, sw, padding), q = oh * ow;
        for (int a = 0; a < oh; a++) {
            for (int b = 0; b < ow; b++) {
                for (int c = 0; c < oh; c++) {
                    for (int d = 0; d < ow; d++) {
                        double s = 0;
                        for (int t1 = 0; t1 < fh; t1++) {
                            for (int t2 = 0; t2 < fw; t2++) {
                                int i1 = index(a, t1, h, fh, sh, padding), j1 = index(b, t2, w, fw, sw, padding);
                                int i2 = index(c, t1, h, fh, sh, padding), j2 = index(d, t2, w, fw, sw, padding);
                                if (i1 >= 0 && j1 >= 0 && i2 >= 0 && j2 >= 0) {
                                    s += in[(i1 * w + j1) * p + i2 * w + j2];
                                }
                            }
                        }
                        double expected = s / (fh * fw);
                        assertEquals(expected, got[(a * ow + b) * q + c * ow + d], 1e-14, "entry " + a + b + c + d);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"9,7,3,3,SAME", "9,7,3,2,SAME", "8,11,5,3,CIRCULAR", "6,9,2,4,VALID", "4,4,4,4,SAME", "12,5,1,3,CIRCULAR",
            "16,16,3,3,SAME"})
    void vectorisedAndScalarConvolutionPassesGiveTheSameBits(int h, int w, int fh, int fw, String padding) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Simd.ENABLED);
        int p = h * w;
        double[] in = random(p * p, 6);
        AxisTaps[] t = taps(h, w, fh, fw, 1, 1, padding, false);
        int[][] shapes = {{1, w}, {t[0].out, 1}};
        for (int axis = 0; axis < 2; axis++) {
            double[] fast = new double[p * p], slow = new double[p * p];
            SpatialOps.convPassFull(in, fast, shapes[axis][0], shapes[axis][1], t[axis]);
            SpatialOps.convPassFullScalar(in, slow, shapes[axis][0], shapes[axis][1], t[axis]);
            assertArrayEquals(slow, fast, 0.0, "full, axis " + axis);
            double[] diagFast = new double[p], diagSlow = new double[p];
            SpatialOps.convPassDiag(in, diagFast, shapes[axis][0], shapes[axis][1], t[axis]);
            SpatialOps.convPassDiagScalar(in, diagSlow, shapes[axis][0], shapes[axis][1], t[axis]);
            assertArrayEquals(diagSlow, diagFast, 0.0, "diagonal, axis " + axis);
        }
    }

    @ParameterizedTest
    @CsvSource({"5,6,3,3,1,1,SAME", "6,6,2,2,2,2,VALID", "5,7,3,2,2,1,CIRCULAR", "5,5,3,3,2,2,SAME"})
    void diagonalConvolutionPassesEqualTheDefinition(int h, int w, int fh, int fw, int sh, int sw, String padding) {
        double[] in = random(h * w, 2);
        KernelState k = KernelState.of(h * w);
        System.arraycopy(in, 0, k.nngp(), 0, h * w);
        double[] got = SpatialOps.sweep(k.nngp(), k, taps(h, w, fh, fw, sh, sw, padding, false), false, false);
        int oh = outSize(h, fh, sh, padding), ow = outSize(w, fw, sw, padding);
        for (int a = 0; a < oh; a++) {
            for (int b = 0; b < ow; b++) {
                double s = 0;
                for (int t1 = 0; t1 < fh; t1++) {
                    for (int t2 = 0; t2 < fw; t2++) {
                        int i = index(a, t1, h, fh, sh, padding), j = index(b, t2, w, fw, sw, padding);
                        if (i >= 0 && j >= 0) {
                            s += in[i * w + j];
                        }
                    }
                }
                assertEquals(s / (fh * fw), got[a * ow + b], 1e-14);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"5,6,3,3,1,1,SAME,false", "5,6,3,3,1,1,SAME,true", "6,6,2,2,2,2,VALID,false",
            "5,7,3,2,2,1,CIRCULAR,false", "5,5,2,3,2,2,SAME,true"})
    void poolingPassesEqualTheTwoDimensionalDefinition(int h, int w, int fh, int fw, int sh, int sw, String padding,
            boolean normalizeEdges) {
        int p = h * w;
        double[] in = random(p * p, 3);
        KernelState k = KernelState.of(p * p);
        System.arraycopy(in, 0, k.nngp(), 0, p * p);
        double[] got = SpatialOps.sweep(k.nngp(), k, taps(h, w, fh, fw, sh, sw, padding, normalizeEdges), true, true);
        int oh = outSize(h, fh, sh, padding), ow = outSize(w, fw, sw, padding), q = oh * ow;
        for (int a = 0; a < oh; a++) {
            for (int b = 0; b < ow; b++) {
                for (int c = 0; c < oh; c++) {
                    for (int d = 0; d < ow; d++) {
                        double s = 0;
                        int n1 = 0, n2 = 0;
                        for (int t1 = 0; t1 < fh; t1++) {
                            for (int t2 = 0; t2 < fw; t2++) {
                                int i1 = index(a, t1, h, fh, sh, padding), j1 = index(b, t2, w, fw, sw, padding);
                                if (i1 < 0 || j1 < 0) {
                                    continue;
                                }
                                n1++;
                                for (int u1 = 0; u1 < fh; u1++) {
                                    for (int u2 = 0; u2 < fw; u2++) {
                                        int i2 = index(c, u1, h, fh, sh, padding), j2 = index(d, u2, w, fw, sw, padding);
                                        if (i2 >= 0 && j2 >= 0) {
                                            s += in[(i1 * w + j1) * p + i2 * w + j2];
                                        }
                                    }
                                }
                            }
                        }
                        for (int u1 = 0; u1 < fh; u1++) {
                            for (int u2 = 0; u2 < fw; u2++) {
                                if (index(c, u1, h, fh, sh, padding) >= 0 && index(d, u2, w, fw, sw, padding) >= 0) {
                                    n2++;
                                }
                            }
                        }
                        double norm = normalizeEdges && padding.equals("SAME") ? (double) n1 * n2
                                : (double) fh * fw * fh * fw;
                        assertEquals(s / norm, got[(a * ow + b) * q + c * ow + d], 1e-14);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"5,3,1,SAME,5,1", "5,3,2,SAME,3,1", "6,3,2,SAME,3,0", "6,2,2,SAME,3,0", "7,4,3,SAME,3,1",
            "5,3,1,VALID,3,0", "6,3,2,VALID,2,0", "5,3,2,CIRCULAR,3,1"})
    void paddingFollowsLax(int n, int f, int s, String padding, int out, int lo) {
        Padding p = Padding.parse(padding);
        assertEquals(out, p.outSize(n, f, s));
        assertEquals(lo, p.padLo(n, f, s));
    }

    @ParameterizedTest
    @CsvSource({"3,2", "1,4", "4,1"})
    void inputCovarianceIsTheChannelMeanOfProducts(int positions, int channels) {
        double[] x1 = random(positions * channels, 4), x2 = random(positions * channels, 5);
        double[] full = new double[positions * positions], diag = new double[positions];
        SpatialOps.inputCovariance(x1, x2, positions, channels, true, full);
        SpatialOps.inputCovariance(x1, x2, positions, channels, false, diag);
        double[] expectedDiag = new double[positions];
        for (int p = 0; p < positions; p++) {
            for (int q = 0; q < positions; q++) {
                double s = 0;
                for (int c = 0; c < channels; c++) {
                    s += x1[p * channels + c] * x2[q * channels + c];
                }
                assertEquals(s / channels, full[p * positions + q], 1e-15);
                if (p == q) {
                    expectedDiag[p] = s / channels;
                }
            }
        }
        assertArrayEquals(expectedDiag, diag, 1e-15);
    }
}

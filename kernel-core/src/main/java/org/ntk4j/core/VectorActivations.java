package org.ntk4j.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

// double only {
// FloatVectorActivations is generated from this file by the kernel-core test Float32Sources.
// } double only
/**
 * The arc-cosine (ABReLU) kernel transform on SIMD lanes with the JDK Vector API: the formula of
 * {@link AbReluRows#entry}, with the angle from {@link #angle}, the lane-wise twin of
 * {@link ArcTan#angle}, operation for operation, so both give the same bits. Vectors with a lane
 * whose {@code q11·q22} needs rescaling take the scalar entry. Loaded only when the
 * {@code jdk.incubator.vector} module is present (see {@link Simd}).
 */
final class VectorActivations {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    // Vector constants: blends and comparisons with scalars are not intrinsified everywhere in JDK 17.
    private static final DoubleVector ZERO = DoubleVector.zero(S);
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);
    private static final DoubleVector PI = DoubleVector.broadcast(S, ArcTan.PI);
    private static final DoubleVector HALF_PI = DoubleVector.broadcast(S, ArcTan.HALF_PI);
    private static final DoubleVector QUARTER_PI = DoubleVector.broadcast(S, ArcTan.QUARTER_PI);
    private static final DoubleVector T3P8 = DoubleVector.broadcast(S, ArcTan.T3P8);
    private static final DoubleVector MIN_PRODUCT = DoubleVector.broadcast(S, AbReluRows.MIN_PRODUCT);
    private static final DoubleVector MAX_PRODUCT = DoubleVector.broadcast(S, AbReluRows.MAX_PRODUCT);
    // double only {
    private static final DoubleVector MORE = DoubleVector.broadcast(S, ArcTan.MOREBITS);
    private static final DoubleVector HALF_MORE = DoubleVector.broadcast(S, 0.5 * ArcTan.MOREBITS);
    private static final DoubleVector SMALL = DoubleVector.broadcast(S, 0.66);
    private static final DoubleVector P0 = DoubleVector.broadcast(S, ArcTan.P0);
    private static final DoubleVector P1 = DoubleVector.broadcast(S, ArcTan.P1);
    private static final DoubleVector P2 = DoubleVector.broadcast(S, ArcTan.P2);
    private static final DoubleVector P3 = DoubleVector.broadcast(S, ArcTan.P3);
    private static final DoubleVector P4 = DoubleVector.broadcast(S, ArcTan.P4);
    private static final DoubleVector Q0 = DoubleVector.broadcast(S, ArcTan.Q0);
    private static final DoubleVector Q1 = DoubleVector.broadcast(S, ArcTan.Q1);
    private static final DoubleVector Q2 = DoubleVector.broadcast(S, ArcTan.Q2);
    private static final DoubleVector Q3 = DoubleVector.broadcast(S, ArcTan.Q3);
    private static final DoubleVector Q4 = DoubleVector.broadcast(S, ArcTan.Q4);
    // } double only
    /* float only {
    private static final FloatVector TP8 = FloatVector.broadcast(S, FloatArcTan.TP8);
    private static final FloatVector A0 = FloatVector.broadcast(S, FloatArcTan.A0);
    private static final FloatVector A1 = FloatVector.broadcast(S, FloatArcTan.A1);
    private static final FloatVector A2 = FloatVector.broadcast(S, FloatArcTan.A2);
    private static final FloatVector A3 = FloatVector.broadcast(S, FloatArcTan.A3);
    } float only */

    private VectorActivations() {
    }

    /** {@link AbReluRows#rows} on lanes. */
    static void abRelu(double mean, double factor, KernelState k, int offset, int from, int to) {
        final int positions = k.shape().positions();
        final double[] nngp = k.nngp();
        final double[] ntk = k.computesNtk() ? k.ntk() : null;
        final double[] cov1 = k.cov1(), cov2 = k.cov2();
        if (k.shape().full()) {
            // Whether some q11·q22 may need rescaling: decided once per pair and layer (2P variances for
            // P² entries), so that the usual pair's vectors skip the per-vector range test.
            final boolean checked = !k.productsInRange(offset, positions, AbReluRows.MIN_PRODUCT,
                    AbReluRows.MAX_PRODUCT);
            for (int p = from; p < to; p++) {
                segment(mean, factor, nngp, ntk, p * positions, positions, null, offset, cov1[offset + p], cov2, offset,
                        checked);
            }
        } else {
            // Diagonal storage has one entry per variance: the per-vector test costs less than a pre-scan.
            segment(mean, factor, nngp, ntk, 0, positions, cov1, offset, 0.0, cov2, offset, true);
        }
    }

    // double only {
    /** {@link ArcTan#angle} on lanes, operation for operation, so both give the same bits. */
    static DoubleVector angle(DoubleVector s, DoubleVector q) {
        DoubleVector aq = q.abs();
        // Masks straight from comparisons, no mask logic (JDK 17 does not intrinsify and/or/not on masks):
        // "above" = the middle and the big case, "big" overrides it.
        VectorMask<Double> above = s.compare(VectorOperators.GT, aq.mul(SMALL));
        VectorMask<Double> big = s.compare(VectorOperators.GT, aq.mul(T3P8));
        DoubleVector num = s.blend(s.sub(aq), above).blend(aq.neg(), big);
        DoubleVector den = aq.blend(s.add(aq), above).blend(s, big);
        DoubleVector xr = num.div(den);
        DoubleVector y = ZERO.blend(QUARTER_PI, above).blend(HALF_PI, big);
        DoubleVector more = ZERO.blend(HALF_MORE, above).blend(MORE, big);
        DoubleVector z = xr.mul(xr);
        DoubleVector p = z.mul(P0).add(P1).mul(z).add(P2).mul(z).add(P3).mul(z).add(P4);
        DoubleVector qq = z.add(Q0).mul(z).add(Q1).mul(z).add(Q2).mul(z).add(Q3).mul(z).add(Q4);
        DoubleVector r = xr.mul(z.mul(p).div(qq)).add(xr);
        DoubleVector atan = y.add(r.add(more));
        DoubleVector theta = atan.blend(PI.sub(atan), q.compare(VectorOperators.LT, ZERO));
        // s ≥ 0 and |q| ≥ 0, so s + |q| = 0 exactly when both are 0.
        return theta.blend(HALF_PI, s.add(aq).compare(VectorOperators.EQ, ZERO));
    }
    // } double only
    /* float only {
    /** {@link FloatArcTan#angle} on lanes (the mask scheme of the float64 twin). *\/
    static FloatVector angle(FloatVector s, FloatVector q) {
        FloatVector aq = q.abs();
        VectorMask<Float> above = s.compare(VectorOperators.GT, aq.mul(TP8));
        VectorMask<Float> big = s.compare(VectorOperators.GT, aq.mul(T3P8));
        FloatVector num = s.blend(s.sub(aq), above).blend(aq.neg(), big);
        FloatVector den = aq.blend(s.add(aq), above).blend(s, big);
        FloatVector xr = num.div(den);
        FloatVector y = ZERO.blend(QUARTER_PI, above).blend(HALF_PI, big);
        FloatVector z = xr.mul(xr);
        FloatVector poly = z.mul(A0).add(A1).mul(z).add(A2).mul(z).add(A3).mul(z).mul(xr).add(xr);
        FloatVector atan = y.add(poly);
        FloatVector theta = atan.blend(PI.sub(atan), q.compare(VectorOperators.LT, ZERO));
        return theta.blend(HALF_PI, s.add(aq).compare(VectorOperators.EQ, ZERO));
    }
    } float only */

    /**
     * Whether a lane's {@code q11·q22} is outside {@code [MIN_PRODUCT, MAX_PRODUCT]} (overflowed,
     * or underflowed, possibly to 0) while neither variance is 0: such vectors take the scalar
     * entry, which rescales (see {@link AbReluRows#rescaled}).
     */
    private static boolean outOfRange(DoubleVector product, DoubleVector smaller) {
        DoubleVector nonZero = product.blend(ONE, smaller.compare(VectorOperators.EQ, ZERO));
        return nonZero.compare(VectorOperators.LT, MIN_PRODUCT).anyTrue()
                || product.compare(VectorOperators.GT, MAX_PRODUCT).anyTrue();
    }

    /**
     * Transforms {@code len} consecutive entries from {@code i0}, with {@code q22} read from
     * {@code cov2[off2 ...]} and {@code q11} from {@code cov1[off1 ...]} or, when {@code cov1} is null,
     * the constant {@code q11}; when {@code checked}, vectors with a product out of range take the
     * scalar entries.
     */
    private static void segment(double mean, double factor, double[] nngp, double[] ntk, int i0, int len,
            double[] cov1, int off1, double q11, double[] cov2, int off2, boolean checked) {
        final int lanes = S.length();
        final int bound = S.loopBound(len);
        final DoubleVector q11Const = DoubleVector.broadcast(S, q11);
        final DoubleVector negFactor = DoubleVector.broadcast(S, -factor);
        final DoubleVector factorV = DoubleVector.broadcast(S, factor);
        final DoubleVector meanV = DoubleVector.broadcast(S, mean);
        int e = 0;
        for (; e < bound; e += lanes) {
            DoubleVector q12 = DoubleVector.fromArray(S, nngp, i0 + e);
            DoubleVector v11 = cov1 == null ? q11Const : DoubleVector.fromArray(S, cov1, off1 + e);
            DoubleVector v22 = DoubleVector.fromArray(S, cov2, off2 + e);
            DoubleVector product = v11.mul(v22);
            if (checked && outOfRange(product, v11.min(v22))) {
                for (int l = 0; l < lanes; l++) {
                    double dot = AbReluRows.entry(mean, factor, cov1 == null ? q11 : cov1[off1 + e + l],
                            cov2[off2 + e + l], nngp, i0 + e + l);
                    if (ntk != null) {
                        ntk[i0 + e + l] *= dot;
                    }
                }
                continue;
            }
            DoubleVector s = product.sub(q12.mul(q12)).max(ZERO).lanewise(VectorOperators.SQRT);
            DoubleVector theta = angle(s, q12);
            DoubleVector dot = theta.mul(negFactor).add(meanV);
            s.mul(factorV).add(dot.mul(q12)).intoArray(nngp, i0 + e);
            if (ntk != null) {
                DoubleVector.fromArray(S, ntk, i0 + e).mul(dot).intoArray(ntk, i0 + e);
            }
        }
        for (; e < len; e++) {
            double v11 = cov1 == null ? q11 : cov1[off1 + e];
            double dot = AbReluRows.entry(mean, factor, v11, cov2[off2 + e], nngp, i0 + e);
            if (ntk != null) {
                ntk[i0 + e] *= dot;
            }
        }
    }
}

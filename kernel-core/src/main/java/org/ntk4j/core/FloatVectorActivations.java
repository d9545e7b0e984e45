package org.ntk4j.core;

// Generated from VectorActivations.java by Float32Sources (kernel-core tests); do not edit.

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The arc-cosine (ABReLU) kernel transform on SIMD lanes with the JDK Vector API: the formula of
 * {@link FloatAbReluRows#entry}, with the angle from {@link #angle}, the lane-wise twin of
 * {@link FloatArcTan#angle}, operation for operation, so both give the same bits. Vectors with a lane
 * whose {@code q11·q22} needs rescaling take the scalar entry. Loaded only when the
 * {@code jdk.incubator.vector} module is present (see {@link Simd}).
 */
final class FloatVectorActivations {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    // Vector constants: blends and comparisons with scalars are not intrinsified everywhere in JDK 17.
    private static final FloatVector ZERO = FloatVector.zero(S);
    private static final FloatVector ONE = FloatVector.broadcast(S, 1.0f);
    private static final FloatVector PI = FloatVector.broadcast(S, FloatArcTan.PI);
    private static final FloatVector HALF_PI = FloatVector.broadcast(S, FloatArcTan.HALF_PI);
    private static final FloatVector QUARTER_PI = FloatVector.broadcast(S, FloatArcTan.QUARTER_PI);
    private static final FloatVector T3P8 = FloatVector.broadcast(S, FloatArcTan.T3P8);
    private static final FloatVector MIN_PRODUCT = FloatVector.broadcast(S, FloatAbReluRows.MIN_PRODUCT);
    private static final FloatVector MAX_PRODUCT = FloatVector.broadcast(S, FloatAbReluRows.MAX_PRODUCT);
    private static final FloatVector TP8 = FloatVector.broadcast(S, FloatArcTan.TP8);
    private static final FloatVector A0 = FloatVector.broadcast(S, FloatArcTan.A0);
    private static final FloatVector A1 = FloatVector.broadcast(S, FloatArcTan.A1);
    private static final FloatVector A2 = FloatVector.broadcast(S, FloatArcTan.A2);
    private static final FloatVector A3 = FloatVector.broadcast(S, FloatArcTan.A3);

    private FloatVectorActivations() {
    }

    /** {@link FloatAbReluRows#rows} on lanes. */
    static void abRelu(float mean, float factor, KernelState k, int offset, int from, int to) {
        final int positions = k.shape().positions();
        final float[] nngp = k.nngp32();
        final float[] ntk = k.computesNtk() ? k.ntk32() : null;
        final float[] cov1 = k.cov1f(), cov2 = k.cov2f();
        if (k.shape().full()) {
            // Whether some q11·q22 may need rescaling: decided once per pair and layer (2P variances for
            // P² entries), so that the usual pair's vectors skip the per-vector range test.
            final boolean checked = !k.productsInRange32(offset, positions, FloatAbReluRows.MIN_PRODUCT,
                    FloatAbReluRows.MAX_PRODUCT);
            for (int p = from; p < to; p++) {
                segment(mean, factor, nngp, ntk, p * positions, positions, null, offset, cov1[offset + p], cov2, offset,
                        checked);
            }
        } else {
            // Diagonal storage has one entry per variance: the per-vector test costs less than a pre-scan.
            segment(mean, factor, nngp, ntk, 0, positions, cov1, offset, 0.0f, cov2, offset, true);
        }
    }

    /** {@link FloatArcTan#angle} on lanes (the mask scheme of the float64 twin). */
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

    /**
     * Whether a lane's {@code q11·q22} is outside {@code [MIN_PRODUCT, MAX_PRODUCT]} (overflowed,
     * or underflowed, possibly to 0) while neither variance is 0: such vectors take the scalar
     * entry, which rescales (see {@link FloatAbReluRows#rescaled}).
     */
    private static boolean outOfRange(FloatVector product, FloatVector smaller) {
        FloatVector nonZero = product.blend(ONE, smaller.compare(VectorOperators.EQ, ZERO));
        return nonZero.compare(VectorOperators.LT, MIN_PRODUCT).anyTrue()
                || product.compare(VectorOperators.GT, MAX_PRODUCT).anyTrue();
    }

    /**
     * Transforms {@code len} consecutive entries from {@code i0}, with {@code q22} read from
     * {@code cov2[off2 ...]} and {@code q11} from {@code cov1[off1 ...]} or, when {@code cov1} is null,
     * the constant {@code q11}; when {@code checked}, vectors with a product out of range take the
     * scalar entries.
     */
    private static void segment(float mean, float factor, float[] nngp, float[] ntk, int i0, int len,
            float[] cov1, int off1, float q11, float[] cov2, int off2, boolean checked) {
        final int lanes = S.length();
        final int bound = S.loopBound(len);
        final FloatVector q11Const = FloatVector.broadcast(S, q11);
        final FloatVector negFactor = FloatVector.broadcast(S, -factor);
        final FloatVector factorV = FloatVector.broadcast(S, factor);
        final FloatVector meanV = FloatVector.broadcast(S, mean);
        int e = 0;
        for (; e < bound; e += lanes) {
            FloatVector q12 = FloatVector.fromArray(S, nngp, i0 + e);
            FloatVector v11 = cov1 == null ? q11Const : FloatVector.fromArray(S, cov1, off1 + e);
            FloatVector v22 = FloatVector.fromArray(S, cov2, off2 + e);
            FloatVector product = v11.mul(v22);
            if (checked && outOfRange(product, v11.min(v22))) {
                for (int l = 0; l < lanes; l++) {
                    float dot = FloatAbReluRows.entry(mean, factor, cov1 == null ? q11 : cov1[off1 + e + l],
                            cov2[off2 + e + l], nngp, i0 + e + l);
                    if (ntk != null) {
                        ntk[i0 + e + l] *= dot;
                    }
                }
                continue;
            }
            FloatVector s = product.sub(q12.mul(q12)).max(ZERO).lanewise(VectorOperators.SQRT);
            FloatVector theta = angle(s, q12);
            FloatVector dot = theta.mul(negFactor).add(meanV);
            s.mul(factorV).add(dot.mul(q12)).intoArray(nngp, i0 + e);
            if (ntk != null) {
                FloatVector.fromArray(S, ntk, i0 + e).mul(dot).intoArray(ntk, i0 + e);
            }
        }
        for (; e < len; e++) {
            float v11 = cov1 == null ? q11 : cov1[off1 + e];
            float dot = FloatAbReluRows.entry(mean, factor, v11, cov2[off2 + e], nngp, i0 + e);
            if (ntk != null) {
                ntk[i0 + e] *= dot;
            }
        }
    }
}

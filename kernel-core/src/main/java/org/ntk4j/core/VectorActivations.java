package org.ntk4j.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The arc-cosine (ABReLU) kernel transform on SIMD lanes with the JDK Vector API: the same formula
 * as {@link Activations#abRelu}, with the angle from {@link #angle}, the lane-wise twin of
 * {@link ArcTan#angle}. Loaded only when the {@code jdk.incubator.vector} module is present; gives the
 * same bits as the scalar path.
 */
final class VectorActivations {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final DoubleVector ZERO = DoubleVector.zero(S);
    private static final DoubleVector PI = DoubleVector.broadcast(S, Math.PI);

    private VectorActivations() {
    }

    static void abRelu(double a, double b, KernelState k, double[] cov1, int off1, double[] cov2, int off2, int from,
            int to) {
        final double factor = (a - b) * (a - b) / (2 * Math.PI);
        final double mean = (a * a + b * b) / 2;
        final int positions = k.shape().positions();
        final double[] nngp = k.nngp();
        final double[] ntk = k.computesNtk() ? k.ntk() : null;
        if (k.shape().full()) {
            for (int p = from; p < to; p++) {
                segment(mean, factor, nngp, ntk, p * positions, positions, null, 0, cov1[off1 + p], cov2, off2);
            }
        } else {
            segment(mean, factor, nngp, ntk, 0, positions, cov1, off1, 0.0, cov2, off2);
        }
    }

    /** {@link ArcTan#angle} on lanes, operation for operation, so both give the same bits. */
    static DoubleVector angle(DoubleVector s, DoubleVector q) {
        DoubleVector aq = q.abs();
        VectorMask<Double> big = s.compare(VectorOperators.GT, aq.mul(ArcTan.T3P8));
        VectorMask<Double> small = s.compare(VectorOperators.LE, aq.mul(0.66));
        VectorMask<Double> middle = big.or(small).not();
        DoubleVector num = s.blend(aq.neg(), big).blend(s.sub(aq), middle);
        DoubleVector den = aq.blend(s, big).blend(s.add(aq), middle);
        DoubleVector xr = num.div(den);
        DoubleVector y = ZERO.blend(ArcTan.HALF_PI, big).blend(ArcTan.QUARTER_PI, middle);
        DoubleVector more = ZERO.blend(ArcTan.MOREBITS, big).blend(0.5 * ArcTan.MOREBITS, middle);
        DoubleVector z = xr.mul(xr);
        DoubleVector p = z.mul(ArcTan.P0).add(ArcTan.P1).mul(z).add(ArcTan.P2).mul(z).add(ArcTan.P3).mul(z)
                .add(ArcTan.P4);
        DoubleVector qq = z.add(ArcTan.Q0).mul(z).add(ArcTan.Q1).mul(z).add(ArcTan.Q2).mul(z).add(ArcTan.Q3).mul(z)
                .add(ArcTan.Q4);
        DoubleVector r = xr.mul(z.mul(p).div(qq)).add(xr);
        DoubleVector atan = y.add(r.add(more));
        DoubleVector theta = atan.blend(PI.sub(atan), q.compare(VectorOperators.LT, 0.0));
        return theta.blend(ArcTan.HALF_PI, s.eq(0.0).and(q.eq(0.0)));
    }

    /**
     * Transforms {@code len} consecutive entries from {@code i0}, with {@code q22} read from
     * {@code cov2[off2 ...]} and {@code q11} from {@code cov1[off1 ...]} or, when {@code cov1} is null,
     * the constant {@code q11}.
     */
    private static void segment(double mean, double factor, double[] nngp, double[] ntk, int i0, int len,
            double[] cov1, int off1, double q11, double[] cov2, int off2) {
        final int lanes = S.length();
        final int bound = S.loopBound(len);
        final DoubleVector q11Const = DoubleVector.broadcast(S, q11);
        int e = 0;
        for (; e < bound; e += lanes) {
            DoubleVector q12 = DoubleVector.fromArray(S, nngp, i0 + e);
            DoubleVector v11 = cov1 == null ? q11Const : DoubleVector.fromArray(S, cov1, off1 + e);
            DoubleVector v22 = DoubleVector.fromArray(S, cov2, off2 + e);
            DoubleVector s = v11.mul(v22).sub(q12.mul(q12)).max(0.0).lanewise(VectorOperators.SQRT);
            DoubleVector theta = angle(s, q12);
            DoubleVector dot = theta.mul(-factor).add(mean);
            s.mul(factor).add(dot.mul(q12)).intoArray(nngp, i0 + e);
            if (ntk != null) {
                DoubleVector.fromArray(S, ntk, i0 + e).mul(dot).intoArray(ntk, i0 + e);
            }
        }
        for (; e < len; e++) {
            double v11 = cov1 == null ? q11 : cov1[off1 + e];
            double dot = Activations.abReluEntry(mean, factor, v11, cov2[off2 + e], nngp, i0 + e);
            if (ntk != null) {
                ntk[i0 + e] *= dot;
            }
        }
    }
}

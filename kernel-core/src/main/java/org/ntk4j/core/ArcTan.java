package org.ntk4j.core;

// double only {
// FloatArcTan is generated from this file by the kernel-core test Float32Sources; its angle is
// Cephes' atanf (relative error about 2e-7, one division), written in the float-only block below.
// } double only
/**
 * The angle {@code θ = atan2(s, q) ∈ [0, π]} for {@code s ≥ 0}, written with IEEE-exact operations
 * only (+, −, ×, ÷), so that the scalar code here and its SIMD twin in {@link VectorActivations}
 * give the same bits in every JIT tier ({@link Math#atan2} is not used because its vectorised
 * counterpart rounds differently). {@code θ = π/2} when {@code s = q = 0} (neural-tangents'
 * convention for uncorrelated zero-variance inputs).
 */
final class ArcTan {
    static final double PI = (double) Math.PI;
    static final double HALF_PI = (double) (Math.PI / 2);
    static final double QUARTER_PI = (double) (Math.PI / 4);
    static final double T3P8 = 2.41421356237309504880;
    // double only {
    static final double P0 = -8.750608600031904122785E-1;
    static final double P1 = -1.615753718733365076637E1;
    static final double P2 = -7.500855792314704667340E1;
    static final double P3 = -1.228866684490136173410E2;
    static final double P4 = -6.485021904942025371773E1;
    static final double Q0 = 2.485846490142306297962E1;
    static final double Q1 = 1.650270098316988542046E2;
    static final double Q2 = 4.328810604912902668951E2;
    static final double Q3 = 4.853903996359136964868E2;
    static final double Q4 = 1.945506571482613964425E2;
    static final double MOREBITS = 6.123233995736765886130E-17;
    // } double only
    /* float only {
    static final float A0 = 8.05374449538e-2f;
    static final float A1 = -1.38776856032e-1f;
    static final float A2 = 1.99777106478e-1f;
    static final float A3 = -3.33329491539e-1f;
    static final float TP8 = 0.4142135623730950f;
    } float only */

    private ArcTan() {
    }

    // double only {
    /**
     * {@code atan2(s, q)} for {@code s ≥ 0}, in {@code [0, π]}; {@code π/2} when both are 0. The Cephes
     * rational approximation of atan (relative error about 1e-16): with {@code x = s/|q|},
     * {@code atan(x) = y + r(x')}, where for {@code s > tan(3π/8)·|q|}: {@code y = π/2, x' = −|q|/s};
     * for {@code s ≤ 0.66·|q|}: {@code y = 0, x' = s/|q|}; otherwise {@code y = π/4},
     * {@code x' = (s−|q|)/(s+|q|)}; and {@code r(x') = x' + x'·z·P(z)/Q(z)}, {@code z = x'²}. Each
     * case is one division, so the whole angle costs two. Then {@code θ = atan(x)} for {@code q ≥ 0}
     * and {@code π − atan(x)} for {@code q < 0}.
     */
    static double angle(double s, double q) {
        if (s == 0.0 && q == 0.0) {
            return HALF_PI;
        }
        double aq = Math.abs(q);
        double y;
        double xr;
        double more;
        if (s > T3P8 * aq) {
            y = HALF_PI;
            xr = -aq / s;
            more = MOREBITS;
        } else if (s <= 0.66 * aq) {
            y = 0.0;
            xr = s / aq;
            more = 0.0;
        } else {
            y = QUARTER_PI;
            xr = (s - aq) / (s + aq);
            more = 0.5 * MOREBITS;
        }
        double z = xr * xr;
        double p = (((P0 * z + P1) * z + P2) * z + P3) * z + P4;
        double qq = ((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4;
        double r = xr * (z * p / qq) + xr;
        double atan = y + (r + more);
        return q < 0.0 ? Math.PI - atan : atan;
    }
    // } double only
    /* float only {
    /**
     * {@code atan2(s, q)} for {@code s ≥ 0}, in {@code [0, π]}; {@code π/2} when both are 0, by Cephes'
     * {@code atanf}: with {@code x = s/|q|}, {@code atan(x) = y + x' + x'·z·A(z)}, {@code z = x'²},
     * where for {@code s > tan(3π/8)·|q|}: {@code y = π/2, x' = −|q|/s}; for {@code s > tan(π/8)·|q|}:
     * {@code y = π/4, x' = (s−|q|)/(s+|q|)}; otherwise {@code y = 0, x' = s/|q|}.
     *\/
    static float angle(float s, float q) {
        if (s == 0.0f && q == 0.0f) {
            return HALF_PI;
        }
        float aq = Math.abs(q);
        float y;
        float xr;
        if (s > T3P8 * aq) {
            y = HALF_PI;
            xr = -aq / s;
        } else if (s > TP8 * aq) {
            y = QUARTER_PI;
            xr = (s - aq) / (s + aq);
        } else {
            y = 0.0f;
            xr = s / aq;
        }
        float z = xr * xr;
        float atan = y + ((((A0 * z + A1) * z + A2) * z + A3) * z * xr + xr);
        return q < 0.0f ? PI - atan : atan;
    }
    } float only */
}

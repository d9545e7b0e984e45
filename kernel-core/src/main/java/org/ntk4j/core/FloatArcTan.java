package org.ntk4j.core;

// Generated from ArcTan.java by Float32Sources (kernel-core tests); do not edit.

/**
 * The angle {@code θ = atan2(s, q) ∈ [0, π]} for {@code s ≥ 0}, written with IEEE-exact operations
 * only (+, −, ×, ÷), so that the scalar code here and its SIMD twin in {@link FloatVectorActivations}
 * give the same bits in every JIT tier ({@link Math#atan2} is not used because its vectorised
 * counterpart rounds differently). {@code θ = π/2} when {@code s = q = 0} (neural-tangents'
 * convention for uncorrelated zero-variance inputs).
 */
final class FloatArcTan {
    static final float PI = (float) Math.PI;
    static final float HALF_PI = (float) (Math.PI / 2);
    static final float QUARTER_PI = (float) (Math.PI / 4);
    static final float T3P8 = 2.41421356237309504880f;
    static final float A0 = 8.05374449538e-2f;
    static final float A1 = -1.38776856032e-1f;
    static final float A2 = 1.99777106478e-1f;
    static final float A3 = -3.33329491539e-1f;
    static final float TP8 = 0.4142135623730950f;

    private FloatArcTan() {
    }

    /**
     * {@code atan2(s, q)} for {@code s ≥ 0}, in {@code [0, π]}; {@code π/2} when both are 0, by Cephes'
     * {@code atanf}: with {@code x = s/|q|}, {@code atan(x) = y + x' + x'·z·A(z)}, {@code z = x'²},
     * where for {@code s > tan(3π/8)·|q|}: {@code y = π/2, x' = −|q|/s}; for {@code s > tan(π/8)·|q|}:
     * {@code y = π/4, x' = (s−|q|)/(s+|q|)}; otherwise {@code y = 0, x' = s/|q|}.
     */
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
}

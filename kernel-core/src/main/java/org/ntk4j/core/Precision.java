package org.ntk4j.core;

import java.util.Locale;

/**
 * The floating-point format a network's per-pair recursions run in. {@link #FLOAT64} (the default)
 * matches neural-tangents with {@code jax_enable_x64}; {@link #FLOAT32} holds every covariance
 * buffer, variance chain and kernel transform in single precision, which halves the memory traffic
 * of the P×P spatial sweeps and doubles the SIMD lanes. Inputs, their products with each other
 * (the input covariance) and the Gram output stay float64 arrays; in {@code FLOAT32} the output
 * entries are float32 values widened to float64, within about 1e-5 relative of {@code FLOAT64}.
 */
public enum Precision {
    /** IEEE double precision throughout (default). */
    FLOAT64,
    /** IEEE single precision for the per-pair buffers and transforms (opt-in). */
    FLOAT32;

    /** The name used in network specs and on the command line: {@code float64} or {@code float32}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code float64}/{@code fp64}/{@code double} or {@code float32}/{@code fp32}/{@code float}
     * (any case).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Precision parse(String s) {
        switch (s == null ? "" : s.trim().toLowerCase(Locale.ROOT)) {
            case "float64", "fp64", "double", "f64":
                return FLOAT64;
            case "float32", "fp32", "float", "f32":
                return FLOAT32;
            default:
                throw new IllegalArgumentException("precision must be float64 or float32, got '" + s + "'");
        }
    }
}

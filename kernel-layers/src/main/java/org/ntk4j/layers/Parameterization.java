package org.ntk4j.layers;

/**
 * How weights are scaled, as neural-tangents' {@code parameterization} argument.
 * <ul>
 *   <li>{@link #NTK}: {@code W ~ N(0, 1)}, layer output {@code W_std/sqrt(fan_in)·W·x + b_std·b};
 *       the kernels do not depend on widths.</li>
 *   <li>{@link #STANDARD}: {@code W ~ N(0, W_std²/fan_in)}, output {@code W·x + b}; the NTK gains
 *       {@code fan_in·nngp} (+1 with a bias) per layer, so it depends on the finite input width.</li>
 * </ul>
 */
public enum Parameterization {
    NTK, STANDARD;

    /** Parses "ntk" or "standard" (any case). */
    public static Parameterization parse(String s) {
        for (Parameterization p : values()) {
            if (p.name().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown parameterization '" + s + "'; expected ntk or standard");
    }
}

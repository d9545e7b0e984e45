package org.ntk4j.core.predict;

/**
 * Which infinite-width ensemble a prediction describes (neural-tangents' {@code get}).
 *
 * <ul>
 *   <li>{@link #NNGP}: only the readout layer is trained (or, at t = ∞, the exact Bayesian
 *       posterior of the NNGP); the dynamics use the NNGP kernel K in place of Θ.
 *   <li>{@link #NTK}: all layers are trained by gradient flow on the MSE loss; the dynamics use the
 *       NTK Θ, the covariance at initialisation is the NNGP K.
 * </ul>
 */
public enum Regime {
    NNGP("nngp"),
    NTK("ntk");

    private final String label;

    Regime(String label) {
        this.label = label;
    }

    /** The lower-case name neural-tangents uses, {@code "nngp"} or {@code "ntk"}. */
    public String label() {
        return label;
    }

    /** Parses {@code "nngp"} or {@code "ntk"} (case-insensitive). */
    public static Regime parse(String name) {
        for (Regime r : values()) {
            if (r.label.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown regime '" + name + "': expected 'nngp' or 'ntk'");
    }
}

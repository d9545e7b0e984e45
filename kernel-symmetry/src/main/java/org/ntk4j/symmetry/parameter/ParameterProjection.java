package org.ntk4j.symmetry.parameter;

import org.ntk4j.layers.finite.Params;

/**
 * The projector {@code P_G = mean over g ∈ G of g} onto the states a group G of orthogonal parameter
 * transformations leaves fixed (Def. 2 of Ziyin et al.: θ is G-symmetric when {@code P_G θ = θ}).
 * Idempotent and orthogonal; {@code codimension() = rank(I − P_G)}, the number of parameter directions
 * a symmetric state loses.
 */
public interface ParameterProjection {
    /** {@code P_G θ}; a new Params. */
    Params apply(Params params);

    /** {@code rank(I − P_G)}. */
    int codimension();

    /** A short description, e.g. {@code "τ(3,5) in hidden layer 1"}. */
    String name();

    /** {@code Δ_G = ‖θ − P_G θ‖} over all stored parameters. */
    default double distance(Params params) {
        double[] a = params.toArray();
        double[] b = apply(params).toArray();
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    /** {@code Δ_G/‖θ‖} (0 for θ = 0). */
    default double relativeDistance(Params params) {
        double n = params.norm();
        return n == 0 ? 0 : distance(params) / n;
    }
}

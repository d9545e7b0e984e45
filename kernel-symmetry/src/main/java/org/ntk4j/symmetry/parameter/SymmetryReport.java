package org.ntk4j.symmetry.parameter;

/**
 * The symmetric state of one hidden layer at one training step.
 *
 * @param step            training step
 * @param loss            training loss at that step (NaN when not known)
 * @param hidden          hidden-layer index
 * @param width           the layer's width h
 * @param degree          the degree of symmetry D_s (Ziyin et al., App. A.1): neurons sorted by
 *                        ‖θ_i‖, the number of adjacent pairs with {@code Δ = ‖θ_a − θ_b‖/√2 < ε};
 *                        {@code 0 ≤ D_s ≤ h − 1}
 * @param brokenPairs     {@code h − 1 − D_s}: adjacent pairs whose transposition symmetry is broken
 * @param distinctNeurons single-linkage clusters of neurons under {@code Δ < ε} (1 = all identical),
 *                        independent of the norm ordering that D_s relies on
 * @param zeroNeurons     neurons with {@code ‖θ_i‖ < ε} (the symmetric state of a sign flip or of
 *                        ReLU's rescaling: a dead neuron)
 * @param weightRank      singular values of the layer's incoming weights (effective units) above τ
 */
public record SymmetryReport(int step, double loss, int hidden, int width, int degree, int brokenPairs,
        int distinctNeurons, int zeroNeurons, int weightRank) {
}

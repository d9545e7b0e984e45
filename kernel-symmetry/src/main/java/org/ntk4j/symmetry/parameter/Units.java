package org.ntk4j.symmetry.parameter;

/**
 * Units in which neuron parameters are measured: {@code STORED} as {@link org.ntk4j.layers.finite.Params}
 * holds them (N(0, 1) draws in {@code ntk} parameterisation), {@code EFFECTIVE} as the layer applies
 * them ({@code s_W·W}, {@code s_b·b}). Projections onto symmetric states are the same in both (each
 * layer's weights and bias share one factor), distances and thresholds are not.
 */
public enum Units {
    STORED, EFFECTIVE
}

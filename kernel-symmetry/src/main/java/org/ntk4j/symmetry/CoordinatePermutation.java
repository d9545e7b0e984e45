package org.ntk4j.symmetry;

import org.ntk4j.core.InputShape;

/** A permutation of all Cd coordinates of the flattened input, {@code (τx)[dest[i]] = x[i]}: an element of P(Cd). */
final class CoordinatePermutation implements GroupElement {
    private final int[] dest;
    private final InputShape shape;

    CoordinatePermutation(int[] dest, InputShape shape) {
        this.dest = Permutations.requirePermutation(dest, shape.size(), "coordinate permutation");
        this.shape = shape;
    }

    @Override
    public InputShape shape() {
        return shape;
    }

    @Override
    public void applyTo(double[] x, double[] out) {
        for (int i = 0; i < dest.length; i++) {
            out[dest[i]] = x[i];
        }
    }

    /** Where coordinate {@code i} goes. */
    int[] destinations() {
        return dest.clone();
    }

    @Override
    public String toString() {
        return "P(Cd) element on " + shape;
    }
}

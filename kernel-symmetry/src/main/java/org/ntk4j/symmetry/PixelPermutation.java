package org.ntk4j.symmetry;

import java.util.Arrays;
import org.ntk4j.core.InputShape;

/**
 * A permutation π of the pixel grid moving whole channel vectors, {@code (τx)[π(p)] = x[p]}: a
 * cyclic translation or a lattice rotation/reflection. Because it only moves pixels it also acts
 * on spatial kernels, which is what {@link Equivariance} checks.
 */
public final class PixelPermutation implements GroupElement {
    private final int[] dest;
    private final InputShape shape;
    private final String label;

    PixelPermutation(int[] dest, InputShape shape, String label) {
        this.dest = Permutations.requirePermutation(dest, shape.positions(), "pixel permutation");
        this.shape = shape;
        this.label = label;
    }

    @Override
    public InputShape shape() {
        return shape;
    }

    /** π(p), the pixel (flat row-major index) that pixel {@code p} moves to. */
    public int destination(int p) {
        return dest[p];
    }

    /** π as an array, {@code result[p] = π(p)}. */
    public int[] destinations() {
        return dest.clone();
    }

    @Override
    public void applyTo(double[] x, double[] out) {
        int c = shape.channels();
        for (int p = 0; p < dest.length; p++) {
            System.arraycopy(x, p * c, out, dest[p] * c, c);
        }
    }

    /** The composition "this, then {@code next}": {@code p ↦ next(this(p))}. */
    public PixelPermutation then(PixelPermutation next) {
        if (!next.shape.equals(shape)) {
            throw new IllegalArgumentException("cannot compose pixel permutations of inputs " + shape + " and "
                    + next.shape);
        }
        int[] d = new int[dest.length];
        for (int p = 0; p < d.length; p++) {
            d[p] = next.dest[dest[p]];
        }
        return new PixelPermutation(d, shape, label + " then " + next.label);
    }

    /** Equal when they move every pixel to the same place on the same input shape. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PixelPermutation p && p.shape.equals(shape) && Arrays.equals(p.dest, dest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dest) * 31 + shape.hashCode();
    }

    @Override
    public String toString() {
        return label + " on " + shape;
    }
}

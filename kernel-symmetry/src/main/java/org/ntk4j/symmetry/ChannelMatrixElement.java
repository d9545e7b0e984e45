package org.ntk4j.symmetry;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.core.InputShape;

/**
 * A C×C matrix per pixel acting on that pixel's channel vector, {@code (τx)_p = Q_p·x_p}: an element
 * of O(C)^d (independent Q_p), of O(C)⊗I_d (one Q shared by all pixels), or of their permutation
 * subgroups (permutation matrices, applied exactly).
 */
final class ChannelMatrixElement implements GroupElement {
    private final DMatrixRMaj[] blocks;
    private final InputShape shape;
    private final String label;

    /**
     * @param blocks one C×C matrix per pixel, or a single one shared by all pixels
     */
    ChannelMatrixElement(DMatrixRMaj[] blocks, InputShape shape, String label) {
        this.blocks = blocks.clone();
        this.shape = shape;
        this.label = label;
    }

    /** One user-given C×C orthogonal matrix shared by all pixels, checked. */
    static ChannelMatrixElement shared(double[][] q, InputShape shape) {
        int c = shape.channels();
        DMatrixRMaj m = Orthogonal.require(q, c, "a channel matrix for inputs of shape " + shape + " (C = " + c + ")");
        return new ChannelMatrixElement(new DMatrixRMaj[] {m}, shape, "O(C)xI_d");
    }

    @Override
    public InputShape shape() {
        return shape;
    }

    @Override
    public void applyTo(double[] x, double[] out) {
        int c = shape.channels();
        int pixels = shape.positions();
        for (int p = 0; p < pixels; p++) {
            double[] a = blocks[blocks.length == 1 ? 0 : p].data;
            int base = p * c;
            for (int i = 0; i < c; i++) {
                double s = 0;
                for (int j = 0; j < c; j++) {
                    s += a[i * c + j] * x[base + j];
                }
                out[base + i] = s;
            }
        }
    }

    /** A copy of pixel {@code p}'s matrix. */
    DMatrixRMaj block(int p) {
        return blocks[blocks.length == 1 ? 0 : p].copy();
    }

    @Override
    public String toString() {
        return label + " element on " + shape;
    }
}

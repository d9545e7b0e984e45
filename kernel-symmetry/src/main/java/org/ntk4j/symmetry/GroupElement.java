package org.ntk4j.symmetry;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;

/**
 * One element τ of a group acting linearly on inputs of one {@link InputShape}: a map
 * {@code R^{Cd} → R^{Cd}} on channels-last inputs (C channels, d pixels; vectors {@code (D)} have
 * one pixel of D channels). Elements are immutable and thread-safe.
 */
public interface GroupElement {
    /** The per-input shape this element acts on. */
    InputShape shape();

    /**
     * {@code out = τ·x} for one flat channels-last input of {@code shape().size()} values;
     * {@code out} must not be {@code x}.
     */
    void applyTo(double[] x, double[] out);

    /**
     * τ applied to every input of a batch {@code (N, H, W, C)}, {@code (N, W, C)} or {@code (N, D)}.
     *
     * @throws IllegalArgumentException when the batch's per-input shape is not {@link #shape()}
     */
    default INDArray apply(INDArray batch) {
        InputShape actual = Inputs.shapeOf(batch, "batch");
        if (!actual.equals(shape())) {
            throw new IllegalArgumentException(this + " acts on inputs of shape " + shape()
                    + " (channels last), but the batch has per-input shape " + actual
                    + ": the group's channel or pixel count does not match the data");
        }
        double[][] rows = Inputs.rows(batch, "batch");
        double[][] out = new double[rows.length][shape().size()];
        for (int i = 0; i < rows.length; i++) {
            applyTo(rows[i], out[i]);
        }
        return Inputs.toNd4j(out, shape());
    }

    /**
     * The element acting on the flattened input by a user-given {@code Cd × Cd} orthogonal matrix.
     *
     * @throws IllegalArgumentException when the matrix is not {@code shape.size()} square or not
     *                                  orthogonal to 1e-10
     */
    static GroupElement ofMatrix(double[][] q, InputShape shape) {
        return MatrixElement.of(q, shape);
    }

    /**
     * The element rotating every pixel's channel vector by the same user-given {@code C × C}
     * orthogonal matrix (an element of O(C)⊗I_d).
     *
     * @throws IllegalArgumentException when the matrix is not C × C or not orthogonal to 1e-10
     */
    static GroupElement ofChannelMatrix(double[][] q, InputShape shape) {
        return ChannelMatrixElement.shared(q, shape);
    }
}

package org.ntk4j.symmetry;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ntk4j.core.InputShape;

/**
 * A continuous path in SO(C)^d from the identity to a random element (paper, Appendix E, the
 * "exponential map"): per pixel p a random skew-symmetric C×C generator A_p (independent standard
 * normal entries above the diagonal), and {@code τ_t = exp(−t·A)} acting on pixel p by
 * {@code exp(−t·A_p)}, t ∈ [0, 1]. τ_0 is the identity and τ_1 = exp(−A). Used for the S-Dist
 * curves of eq. S15 (datasets τ_t D).
 */
public final class RotationPath {
    private final DMatrixRMaj[] generators;
    private final InputShape shape;

    private RotationPath(DMatrixRMaj[] generators, InputShape shape) {
        this.generators = generators;
        this.shape = shape;
    }

    /** A path with random per-pixel skew-symmetric generators for inputs of {@code shape}. */
    public static RotationPath random(RandomGenerator rng, InputShape shape) {
        int c = shape.channels();
        DMatrixRMaj[] a = new DMatrixRMaj[shape.positions()];
        for (int p = 0; p < a.length; p++) {
            a[p] = new DMatrixRMaj(c, c);
            for (int i = 0; i < c; i++) {
                for (int j = i + 1; j < c; j++) {
                    double v = rng.nextGaussian();
                    a[p].set(i, j, v);
                    a[p].set(j, i, -v);
                }
            }
        }
        return new RotationPath(a, shape);
    }

    /** The input shape the path acts on. */
    public InputShape shape() {
        return shape;
    }

    /** A copy of pixel {@code p}'s skew-symmetric generator A_p. */
    public DMatrixRMaj generator(int p) {
        return generators[p].copy();
    }

    /**
     * τ_t = exp(−t·A), an element of SO(C)^d.
     *
     * @throws IllegalArgumentException when t is outside [0, 1]
     */
    public GroupElement at(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("path parameter t must be in [0, 1], got " + t);
        }
        DMatrixRMaj[] blocks = new DMatrixRMaj[generators.length];
        for (int p = 0; p < blocks.length; p++) {
            DMatrixRMaj ta = generators[p].copy();
            CommonOps_DDRM.scale(-t, ta);
            blocks[p] = MatrixExponential.exp(ta);
        }
        return new ChannelMatrixElement(blocks, shape, "exp(-" + t + "·A)");
    }

    @Override
    public String toString() {
        return "RotationPath[SO(" + shape.channels() + ")^" + shape.positions() + " on " + shape + "]";
    }
}

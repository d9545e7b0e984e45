package org.ntk4j.symmetry;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.core.InputShape;

/** P(C)^d: an independent uniformly random channel permutation per pixel. */
final class PixelwisePermutationGroup extends BaseGroup {
    PixelwisePermutationGroup(int channels) {
        super(GroupKind.PIXELWISE_PERMUTATION, channels);
    }

    @Override
    public GroupElement sample(RandomGenerator rng, InputShape shape) {
        checkShape(shape);
        DMatrixRMaj[] blocks = new DMatrixRMaj[shape.positions()];
        for (int p = 0; p < blocks.length; p++) {
            blocks[p] = permutationMatrix(Permutations.uniform(rng, shape.channels()));
        }
        return new ChannelMatrixElement(blocks, shape, name());
    }

    /** The C×C permutation matrix of {@code perm}. */
    static DMatrixRMaj permutationMatrix(int[] perm) {
        return new DMatrixRMaj(perm.length, perm.length, true, Permutations.matrix(perm));
    }
}

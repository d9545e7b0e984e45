package org.ntk4j.symmetry;

import java.util.random.RandomGenerator;
import org.ntk4j.core.InputShape;

/** P(Cd): one uniformly random permutation of all Cd coordinates of the flattened input. */
final class FullPermutationGroup extends BaseGroup {
    FullPermutationGroup(int channels) {
        super(GroupKind.PERMUTATION, channels);
    }

    @Override
    public GroupElement sample(RandomGenerator rng, InputShape shape) {
        checkShape(shape);
        return new CoordinatePermutation(Permutations.uniform(rng, shape.size()), shape);
    }
}

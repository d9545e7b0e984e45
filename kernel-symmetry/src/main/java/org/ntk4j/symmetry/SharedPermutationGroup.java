package org.ntk4j.symmetry;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.core.InputShape;

/** P(C)⊗I_d: one channel permutation shared by all pixels; C! elements. */
final class SharedPermutationGroup extends BaseGroup implements FiniteGroup {
    SharedPermutationGroup(int channels) {
        super(GroupKind.SHARED_PERMUTATION, channels);
    }

    @Override
    public GroupElement sample(RandomGenerator rng, InputShape shape) {
        checkShape(shape);
        return element(Permutations.uniform(rng, shape.channels()), shape);
    }

    /** The C! elements; refused for C &gt; 8 (more than 40320 elements). */
    @Override
    public List<GroupElement> elements(InputShape shape) {
        checkShape(shape);
        if (shape.channels() > 8) {
            throw new IllegalArgumentException(name() + " has " + shape.channels() + "! elements for "
                    + shape.channels() + " channels; enumeration is limited to C <= 8");
        }
        List<GroupElement> out = new ArrayList<>();
        for (int[] p : Permutations.all(shape.channels())) {
            out.add(element(p, shape));
        }
        return out;
    }

    private GroupElement element(int[] perm, InputShape shape) {
        return new ChannelMatrixElement(new DMatrixRMaj[] {PixelwisePermutationGroup.permutationMatrix(perm)}, shape,
                name());
    }
}

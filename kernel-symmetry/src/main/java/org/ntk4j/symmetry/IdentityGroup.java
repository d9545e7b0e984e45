package org.ntk4j.symmetry;

import java.util.List;
import java.util.random.RandomGenerator;
import org.ntk4j.core.InputShape;

/** The trivial group {I}. */
final class IdentityGroup extends BaseGroup implements FiniteGroup {
    static final IdentityGroup INSTANCE = new IdentityGroup();

    private IdentityGroup() {
        super(GroupKind.IDENTITY, 0);
    }

    @Override
    public GroupElement sample(RandomGenerator rng, InputShape shape) {
        return new PixelPermutation(Permutations.identity(shape.positions()), shape, name());
    }

    @Override
    public List<GroupElement> elements(InputShape shape) {
        return List.of(sample(null, shape));
    }
}

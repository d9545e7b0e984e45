package org.ntk4j.symmetry;

import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import org.ntk4j.core.InputShape;

/** O(Cd) or SO(Cd): one Haar-random (special) orthogonal matrix acting on the flattened input. */
final class FullOrthogonalGroup extends BaseGroup {
    private final boolean special;

    FullOrthogonalGroup(boolean special, int channels) {
        super(special ? GroupKind.SPECIAL_ORTHOGONAL : GroupKind.ORTHOGONAL, channels);
        this.special = special;
    }

    @Override
    public OptionalInt lieDimension(InputShape shape) {
        return OptionalInt.of(orthogonalDimension(shape.size()));
    }

    @Override
    public GroupElement sample(RandomGenerator rng, InputShape shape) {
        checkShape(shape);
        int n = shape.size();
        return new MatrixElement(special ? Haar.special(rng, n) : Haar.orthogonal(rng, n), shape, name());
    }
}

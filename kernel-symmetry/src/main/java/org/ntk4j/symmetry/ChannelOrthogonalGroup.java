package org.ntk4j.symmetry;

import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.core.InputShape;

/**
 * O(C)^d (an independent Haar O(C) matrix per pixel) or O(C)⊗I_d (one Haar O(C) matrix shared by
 * all pixels), acting on each pixel's channel vector.
 */
final class ChannelOrthogonalGroup extends BaseGroup {
    private final boolean shared;

    ChannelOrthogonalGroup(boolean shared, int channels) {
        super(shared ? GroupKind.SHARED_ORTHOGONAL : GroupKind.PIXELWISE_ORTHOGONAL, channels);
        this.shared = shared;
    }

    @Override
    public OptionalInt lieDimension(InputShape shape) {
        int perPixel = orthogonalDimension(shape.channels());
        return OptionalInt.of(shared ? perPixel : Math.multiplyExact(perPixel, shape.positions()));
    }

    @Override
    public GroupElement sample(RandomGenerator rng, InputShape shape) {
        checkShape(shape);
        DMatrixRMaj[] blocks = new DMatrixRMaj[shared ? 1 : shape.positions()];
        for (int p = 0; p < blocks.length; p++) {
            blocks[p] = Haar.orthogonal(rng, shape.channels());
        }
        return new ChannelMatrixElement(blocks, shape, name());
    }
}

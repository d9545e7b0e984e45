package org.ntk4j.symmetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ntk4j.core.InputShape;

/**
 * The symmetries of the square pixel lattice of an n×n image: C4 (rotations by multiples of 90°,
 * 4 elements) or D4 (rotations and reflections, 8 elements), moving whole pixels.
 */
final class LatticeGroup extends BaseGroup implements FiniteGroup {
    private final boolean reflections;

    LatticeGroup(boolean reflections) {
        super(reflections ? GroupKind.D4 : GroupKind.C4, 0);
        this.reflections = reflections;
    }

    @Override
    void checkShape(InputShape shape) {
        super.checkShape(shape);
        int[] sp = shape.spatial();
        if (sp.length != 2 || sp[0] != sp[1]) {
            throw new IllegalArgumentException(name() + " acts on square images (N, n, n, C), but the data's "
                    + "per-input shape is " + shape + " (spatial dims " + Arrays.toString(sp) + ")");
        }
    }

    @Override
    public PixelPermutation sample(RandomGenerator rng, InputShape shape) {
        List<GroupElement> all = elements(shape);
        return (PixelPermutation) all.get(rng.nextInt(all.size()));
    }

    /** r^k (k = 0..3), then for D4 r^k∘s with s the left–right mirror; the identity first. */
    @Override
    public List<GroupElement> elements(InputShape shape) {
        checkShape(shape);
        int n = shape.spatial()[0];
        int[] rot = new int[n * n];
        int[] mirror = new int[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rot[i * n + j] = j * n + (n - 1 - i);
                mirror[i * n + j] = i * n + (n - 1 - j);
            }
        }
        PixelPermutation r = new PixelPermutation(rot, shape, "rot90");
        PixelPermutation e = new PixelPermutation(Permutations.identity(n * n), shape, "identity");
        List<GroupElement> out = new ArrayList<>();
        PixelPermutation g = e;
        for (int k = 0; k < 4; k++) {
            out.add(g);
            g = g.then(r);
        }
        if (reflections) {
            PixelPermutation s = new PixelPermutation(mirror, shape, "mirror");
            for (int k = 0; k < 4; k++) {
                out.add(s.then((PixelPermutation) out.get(k)));
            }
        }
        return out;
    }
}

package org.ntk4j.symmetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ntk4j.core.InputShape;

/**
 * Cyclic translations of the pixel grid (any number of spatial dims) by multiples of {@code step}
 * along every axis: {@code (τx)[(i + a) mod H, (j + b) mod W] = x[i, j]}. With step 1 these are all
 * translations; with step k (k dividing every side) the shifts that a stride-k local average
 * pooling readout (LAP) is invariant under.
 */
final class TranslationGroup extends BaseGroup implements FiniteGroup {
    private final int step;

    TranslationGroup(int step) {
        super(GroupKind.TRANSLATION, 0);
        if (step < 1) {
            throw new IllegalArgumentException("translation step must be positive, got " + step);
        }
        this.step = step;
    }

    /** The shift lattice spacing. */
    int step() {
        return step;
    }

    @Override
    public String name() {
        return step == 1 ? "translation" : "translation(" + step + ")";
    }

    /** Also: translations by multiples of s contain those by multiples of any multiple of s. */
    @Override
    public boolean contains(Group other) {
        return other instanceof TranslationGroup t ? t.step % step == 0 : super.contains(other);
    }

    @Override
    void checkShape(InputShape shape) {
        super.checkShape(shape);
        int[] sp = shape.spatial();
        if (sp.length == 0) {
            throw new IllegalArgumentException(name() + " needs inputs with spatial dims (N, W, C) or (N, H, W, C), "
                    + "but the data are vectors of shape " + shape);
        }
        for (int d : sp) {
            if (d % step != 0) {
                throw new IllegalArgumentException(name() + " shifts by multiples of " + step
                        + ", which must divide every spatial dim, but the data's spatial dims are " + Arrays.toString(sp));
            }
        }
    }

    @Override
    public PixelPermutation sample(RandomGenerator rng, InputShape shape) {
        checkShape(shape);
        int[] sp = shape.spatial();
        int[] offsets = new int[sp.length];
        for (int a = 0; a < sp.length; a++) {
            offsets[a] = step * rng.nextInt(sp[a] / step);
        }
        return shift(shape, offsets);
    }

    /** All shifts by multiples of the step, the zero shift first. */
    @Override
    public List<GroupElement> elements(InputShape shape) {
        checkShape(shape);
        int[] sp = shape.spatial();
        int[] counts = new int[sp.length];
        int total = 1;
        for (int a = 0; a < sp.length; a++) {
            counts[a] = sp[a] / step;
            total *= counts[a];
        }
        List<GroupElement> out = new ArrayList<>(total);
        for (int idx = 0; idx < total; idx++) {
            int[] offsets = new int[sp.length];
            int rest = idx;
            for (int a = sp.length - 1; a >= 0; a--) {
                offsets[a] = step * (rest % counts[a]);
                rest /= counts[a];
            }
            out.add(shift(shape, offsets));
        }
        return out;
    }

    /** The cyclic shift moving pixel {@code i} (per axis) to {@code (i + offsets) mod dim}. */
    static PixelPermutation shift(InputShape shape, int... offsets) {
        int[] sp = shape.spatial();
        if (offsets.length != sp.length) {
            throw new IllegalArgumentException("a shift needs one offset per spatial dim " + Arrays.toString(sp)
                    + ", got " + Arrays.toString(offsets));
        }
        int[] dest = new int[shape.positions()];
        for (int p = 0; p < dest.length; p++) {
            int rest = p;
            int q = 0;
            int stride = 1;
            for (int a = sp.length - 1; a >= 0; a--) {
                int i = rest % sp[a];
                rest /= sp[a];
                q += Math.floorMod(i + offsets[a], sp[a]) * stride;
                stride *= sp[a];
            }
            dest[p] = q;
        }
        return new PixelPermutation(dest, shape, "shift" + Arrays.toString(offsets));
    }
}

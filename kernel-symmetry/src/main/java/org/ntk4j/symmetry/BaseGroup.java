package org.ntk4j.symmetry;

import java.util.OptionalInt;
import org.ntk4j.core.InputShape;

/**
 * What every group here shares: its kind, an optional fixed channel count, the name, the subgroup
 * relation and the check that the data's channel count fits.
 */
abstract class BaseGroup implements Group {
    private final GroupKind kind;
    private final int channels;

    /** @param channels a fixed channel count, or 0 to take C from the data */
    BaseGroup(GroupKind kind, int channels) {
        if (channels < 0) {
            throw new IllegalArgumentException("channel count must be positive (or 0 for 'from the data'), got "
                    + channels);
        }
        this.kind = kind;
        this.channels = channels;
    }

    final GroupKind kind() {
        return kind;
    }

    @Override
    public String name() {
        return kind.name(channels);
    }

    @Override
    public OptionalInt lieDimension(InputShape shape) {
        return OptionalInt.empty();
    }

    /** Same-kind-or-larger family and compatible channel counts (a fixed C matches the same C or "from the data"). */
    @Override
    public boolean contains(Group other) {
        return other instanceof BaseGroup b && kind.includes(b.kind)
                && (b.kind == GroupKind.IDENTITY || channels == 0 || b.channels == 0 || channels == b.channels);
    }

    /**
     * Checks that this group can act on inputs of {@code shape}.
     *
     * @throws IllegalArgumentException saying the expected and actual channel counts
     */
    void checkShape(InputShape shape) {
        if (channels > 0 && shape.channels() != channels) {
            throw new IllegalArgumentException("group " + name() + " acts on inputs with " + channels
                    + " channel(s), but the data has " + shape.channels() + " (per-input shape " + shape + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BaseGroup b && b.getClass() == getClass() && b.name().equals(name());
    }

    @Override
    public int hashCode() {
        return name().hashCode();
    }

    @Override
    public String toString() {
        return name();
    }

    /** n(n−1)/2, the dimension of O(n). */
    static int orthogonalDimension(int n) {
        return Math.toIntExact((long) n * (n - 1) / 2);
    }
}

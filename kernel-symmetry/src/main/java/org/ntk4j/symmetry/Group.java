package org.ntk4j.symmetry;

import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import org.ntk4j.core.InputShape;

/**
 * A group of linear transformations of inputs x ∈ (R^C)^d (C channels, d pixels), as in Xiao &amp;
 * Pennington, Sec. 4: O(Cd), SO(Cd), P(Cd), O(C)^d, P(C)^d, O(C)⊗I_d, P(C)⊗I_d, cyclic translations,
 * the lattice symmetries C4 and D4, and the identity. C and d come from the data unless the group
 * was made for a fixed channel count (e.g. {@code O(3)^d}). Get groups from {@link Groups}.
 * Implementations are immutable.
 */
public interface Group {
    /** The name as in the paper, ASCII ({@code "O(C)xI_d"} for O(C)⊗I_d), e.g. {@code "O(C)^d"}. */
    String name();

    /**
     * The dimension of the group as a Lie group on inputs of {@code shape} (e.g. Cd(Cd−1)/2 for
     * O(Cd), d·C(C−1)/2 for O(C)^d); empty for discrete groups (permutations, translations, C4,
     * D4, identity).
     */
    OptionalInt lieDimension(InputShape shape);

    /** Whether {@code other} is a subgroup of this group (every group contains itself and the identity). */
    boolean contains(Group other);

    /**
     * A random element acting on inputs of {@code shape}: Haar-distributed for the orthogonal
     * groups, uniform for the finite ones.
     *
     * @throws IllegalArgumentException when the group cannot act on inputs of this shape (e.g. C4
     *                                  on non-square images, a fixed channel count that differs)
     */
    GroupElement sample(RandomGenerator rng, InputShape shape);
}

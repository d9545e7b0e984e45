package org.ntk4j.symmetry;

import java.util.List;
import org.ntk4j.core.InputShape;

/** A group small enough to list: translations, C4, D4, P(C)⊗I_d, the identity. */
public interface FiniteGroup extends Group {
    /**
     * Every element acting on inputs of {@code shape}, each once, the identity first.
     *
     * @throws IllegalArgumentException as {@link #sample}
     */
    List<GroupElement> elements(InputShape shape);

    /** The number of elements on inputs of {@code shape}. */
    default int order(InputShape shape) {
        return elements(shape).size();
    }
}

package org.ntk4j.symmetry;

import java.util.List;

/**
 * The families of groups in this package, with their name templates (C stands for the channel
 * count) and their maximal subgroups among the families, from which {@link Group#contains} follows.
 */
enum GroupKind {
    IDENTITY("identity"),
    C4("C4", IDENTITY),
    D4("D4", C4),
    TRANSLATION("translation", IDENTITY),
    SHARED_PERMUTATION("P(C)xI_d", IDENTITY),
    SHARED_ORTHOGONAL("O(C)xI_d", SHARED_PERMUTATION),
    PIXELWISE_PERMUTATION("P(C)^d", SHARED_PERMUTATION),
    PIXELWISE_ORTHOGONAL("O(C)^d", SHARED_ORTHOGONAL, PIXELWISE_PERMUTATION),
    PERMUTATION("P(Cd)", PIXELWISE_PERMUTATION, TRANSLATION, D4),
    SPECIAL_ORTHOGONAL("SO(Cd)", IDENTITY),
    ORTHOGONAL("O(Cd)", SPECIAL_ORTHOGONAL, PERMUTATION, PIXELWISE_ORTHOGONAL);

    private final String template;
    private final List<GroupKind> maximalSubgroups;

    GroupKind(String template, GroupKind... maximalSubgroups) {
        this.template = template;
        this.maximalSubgroups = List.of(maximalSubgroups);
    }

    /** The name template, e.g. {@code "O(C)^d"}. */
    String template() {
        return template;
    }

    /** The name with C replaced by a fixed channel count ({@code channels > 0}) or left as C. */
    String name(int channels) {
        return channels > 0 ? template.replace("C", Integer.toString(channels)) : template;
    }

    /** Whether a group of kind {@code other} is a subgroup of one of this kind (same C and d). */
    boolean includes(GroupKind other) {
        if (other == this) {
            return true;
        }
        for (GroupKind k : maximalSubgroups) {
            if (k.includes(other)) {
                return true;
            }
        }
        return false;
    }
}

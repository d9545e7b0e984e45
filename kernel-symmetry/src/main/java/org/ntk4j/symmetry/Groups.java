package org.ntk4j.symmetry;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Factories for the groups of Xiao &amp; Pennington (Sec. 4) and lattice symmetries. Every group
 * takes C (channels) and d (pixels) from the data it is applied to; {@link #byName} also accepts
 * a fixed channel count, e.g. {@code "O(3)^d"}, which is then checked against the data.
 */
public final class Groups {
    private static final Pattern TRANSLATION = Pattern.compile("translations?(?:\\((\\d+)\\))?");

    private Groups() {
    }

    /** O(Cd): a Haar orthogonal matrix on the flattened image. */
    public static Group orthogonal() {
        return new FullOrthogonalGroup(false, 0);
    }

    /** SO(Cd): a Haar rotation of the flattened image. */
    public static Group specialOrthogonal() {
        return new FullOrthogonalGroup(true, 0);
    }

    /** P(Cd): a permutation of all coordinates. */
    public static Group permutation() {
        return new FullPermutationGroup(0);
    }

    /** O(C)^d: an independent Haar O(C) matrix per pixel. */
    public static Group pixelwiseOrthogonal() {
        return new ChannelOrthogonalGroup(false, 0);
    }

    /** P(C)^d: an independent channel permutation per pixel. */
    public static Group pixelwisePermutation() {
        return new PixelwisePermutationGroup(0);
    }

    /** O(C)⊗I_d: one Haar O(C) matrix shared by all pixels. */
    public static Group sharedOrthogonal() {
        return new ChannelOrthogonalGroup(true, 0);
    }

    /** P(C)⊗I_d: one channel permutation shared by all pixels. */
    public static FiniteGroup sharedPermutation() {
        return new SharedPermutationGroup(0);
    }

    /** All cyclic translations of the pixel grid. */
    public static FiniteGroup translation() {
        return new TranslationGroup(1);
    }

    /** Cyclic translations by multiples of {@code step} along every spatial axis. */
    public static FiniteGroup translation(int step) {
        return new TranslationGroup(step);
    }

    /** Rotations of square images by multiples of 90°. */
    public static FiniteGroup c4() {
        return new LatticeGroup(false);
    }

    /** Rotations and reflections of square images. */
    public static FiniteGroup d4() {
        return new LatticeGroup(true);
    }

    /** The trivial group. */
    public static FiniteGroup identity() {
        return IdentityGroup.INSTANCE;
    }

    /** The seven columns of the Theorem 4.1 table, largest first. */
    public static List<Group> theorem41Columns() {
        return List.of(orthogonal(), permutation(), pixelwiseOrthogonal(), pixelwisePermutation(), sharedOrthogonal(),
                sharedPermutation(), translation());
    }

    /**
     * The group named as {@link Group#name()} prints it: {@code O(Cd)}, {@code SO(Cd)},
     * {@code P(Cd)}, {@code O(C)^d}, {@code P(C)^d}, {@code O(C)xI_d} (also {@code O(C)⊗I_d}),
     * {@code P(C)xI_d}, {@code translation}, {@code translation(k)}, {@code C4}, {@code D4},
     * {@code identity}. C may be a number (e.g. {@code O(3)^d}, {@code O(3d)}) to fix the channel
     * count. Spaces are ignored.
     *
     * @throws IllegalArgumentException listing the known names when {@code name} is not one
     */
    public static Group byName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("group name is null");
        }
        String n = name.replaceAll("\\s+", "").replace('⊗', 'x').replace('×', 'x').replace('X', 'x');
        Matcher t = TRANSLATION.matcher(n);
        if (t.matches()) {
            return t.group(1) == null ? translation() : translation(Integer.parseInt(t.group(1)));
        }
        switch (n) {
            case "C4":
                return c4();
            case "D4":
                return d4();
            case "identity":
            case "I":
                return identity();
            default:
                break;
        }
        for (GroupKind kind : GroupKind.values()) {
            if (!kind.template().contains("(")) {
                continue;
            }
            String regex = Pattern.quote(kind.template()).replace("C", "\\E(C|[1-9]\\d*)\\Q");
            Matcher m = Pattern.compile(regex).matcher(n);
            if (m.matches()) {
                int channels = "C".equals(m.group(1)) ? 0 : Integer.parseInt(m.group(1));
                return of(kind, channels);
            }
        }
        throw new IllegalArgumentException("unknown group '" + name + "'; expected one of O(Cd), SO(Cd), P(Cd), "
                + "O(C)^d, P(C)^d, O(C)xI_d, P(C)xI_d, translation, translation(k), C4, D4, identity "
                + "(C may be a number, e.g. O(3)^d)");
    }

    private static Group of(GroupKind kind, int channels) {
        switch (kind) {
            case ORTHOGONAL:
                return new FullOrthogonalGroup(false, channels);
            case SPECIAL_ORTHOGONAL:
                return new FullOrthogonalGroup(true, channels);
            case PERMUTATION:
                return new FullPermutationGroup(channels);
            case PIXELWISE_ORTHOGONAL:
                return new ChannelOrthogonalGroup(false, channels);
            case SHARED_ORTHOGONAL:
                return new ChannelOrthogonalGroup(true, channels);
            case PIXELWISE_PERMUTATION:
                return new PixelwisePermutationGroup(channels);
            case SHARED_PERMUTATION:
                return new SharedPermutationGroup(channels);
            default:
                throw new IllegalArgumentException("group " + kind.template() + " takes no channel count");
        }
    }
}

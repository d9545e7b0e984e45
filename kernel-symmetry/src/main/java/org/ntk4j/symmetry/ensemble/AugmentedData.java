package org.ntk4j.symmetry.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.symmetry.FiniteGroup;
import org.ntk4j.symmetry.GroupElement;

/**
 * A training set (X, Y) augmented by the orbits of a finite group G (seed 001, "data
 * augmentation"): {@code T_aug = {(ρ_X(g)x, ρ_Y(g)y) | g ∈ G, (x, y) ∈ T}}. The augmented set is
 * group major: row {@code a·N + n} is {@code (ρ_X(g_a)x_n, ρ_Y(g_a)y_n)} for the a-th element
 * ({@code g_0} the identity) and the n-th original sample.
 *
 * <p>Because G is closed, acting with h permutes the augmented set:
 * {@code ρ_X(h)x_i = x_{π_h(i)}} and {@code ρ_Y(h)y_i = y_{π_h(i)}} with
 * {@code π_h(a·N + n) = b·N + n}, {@code g_b = h·g_a}. {@link #permutation} gives π_h and
 * {@link #permutationMatrix} the matrix {@code Π(h)} with {@code Π[i, π_h(i)] = 1}, so that
 * {@code Θ(ρ_X(h)X, X) = Π(h)·Θ(X, X)}; for an h-invariant kernel seed 001 shows
 * {@code Π(h)Θ(X, X) = Θ(X, X)Π(h)}.
 *
 * <p>The composition table of the elements is found by acting on a random probe input and is
 * checked to close; elements that are not a group (or an approximate action such as rotations by
 * interpolation) are rejected by {@link #of}. {@link #approximate} augments without that check
 * and has no permutation. Immutable.
 */
public final class AugmentedData {
    /** Agreement needed between two actions on the probe to count as the same element. */
    private static final double SAME_ELEMENT = 1e-10;
    private final INDArray x;
    private final INDArray y;
    private final List<GroupElement> elements;
    private final int originalSize;
    private final int[][] table;
    private final LabelAction labelAction;

    private AugmentedData(INDArray x, INDArray y, List<GroupElement> elements, int originalSize, int[][] table,
            LabelAction labelAction) {
        this.x = x;
        this.y = y;
        this.elements = List.copyOf(elements);
        this.originalSize = originalSize;
        this.table = table;
        this.labelAction = labelAction;
    }

    /** Augmentation by every element of {@code group} acting on inputs of X's shape. */
    public static AugmentedData of(INDArray x, INDArray y, FiniteGroup group, LabelAction labelAction) {
        if (group == null) {
            throw new IllegalArgumentException("group is null");
        }
        return of(x, y, group.elements(Inputs.shapeOf(x, "x")), labelAction);
    }

    /**
     * Augmentation by a list of elements (the identity first) that must form a group acting on
     * inputs of X's shape.
     *
     * @throws IllegalArgumentException when the elements are not closed under composition, so
     *                                  that acting on the augmented set is not a permutation Π;
     *                                  when the labels do not fit ρ_Y; on bad shapes
     */
    public static AugmentedData of(INDArray x, INDArray y, List<GroupElement> elements, LabelAction labelAction) {
        AugmentedData raw = augment(x, y, elements, labelAction);
        return new AugmentedData(raw.x, raw.y, raw.elements, raw.originalSize,
                compositionTable(raw.elements, Inputs.shapeOf(x, "x")), labelAction);
    }

    /**
     * Augmentation by elements that need not close (e.g. rotations by 360°/k with interpolation,
     * only approximately a permutation of pixels): the same rows as {@link #of}, but
     * {@link #permutation} is unavailable.
     */
    public static AugmentedData approximate(INDArray x, INDArray y, List<GroupElement> elements,
            LabelAction labelAction) {
        return augment(x, y, elements, labelAction);
    }

    private static AugmentedData augment(INDArray x, INDArray y, List<GroupElement> elements, LabelAction rho) {
        if (x == null || y == null || elements == null || rho == null) {
            throw new IllegalArgumentException("x, y, the group elements and the label action must not be null");
        }
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("augmentation needs at least one group element (the identity)");
        }
        InputShape shape = Inputs.shapeOf(x, "x");
        INDArray labels = rho.labelMatrix(shape, y);
        if (labels.size(0) != x.size(0)) {
            throw new IllegalArgumentException("label count " + labels.size(0) + " differs from the " + x.size(0)
                    + " training inputs");
        }
        List<INDArray> xs = new ArrayList<>();
        List<INDArray> ys = new ArrayList<>();
        for (GroupElement g : elements) {
            xs.add(g.apply(x));
            ys.add(rho.apply(g, labels));
        }
        return new AugmentedData(Nd4j.concat(0, xs.toArray(INDArray[]::new)),
                Nd4j.concat(0, ys.toArray(INDArray[]::new)), elements, (int) x.size(0), null, rho);
    }

    /** {@code table[h][a] = b} with {@code g_b = g_h·g_a}, checked to be a permutation of a for every h. */
    private static int[][] compositionTable(List<GroupElement> elements, InputShape shape) {
        int m = elements.size();
        double[] probe = new double[shape.size()];
        SplittableRandom rng = new SplittableRandom(0x5eed001L);
        for (int i = 0; i < probe.length; i++) {
            probe[i] = rng.nextGaussian();
        }
        double[][] images = new double[m][shape.size()];
        for (int a = 0; a < m; a++) {
            elements.get(a).applyTo(probe, images[a]);
        }
        int[][] table = new int[m][m];
        double[] hg = new double[shape.size()];
        for (int h = 0; h < m; h++) {
            boolean[] hit = new boolean[m];
            for (int a = 0; a < m; a++) {
                elements.get(h).applyTo(images[a], hg);
                int found = -1;
                double closest = Double.POSITIVE_INFINITY;
                for (int b = 0; b < m && found < 0; b++) {
                    double d = maxAbsDiff(hg, images[b]);
                    closest = Math.min(closest, d);
                    if (d <= SAME_ELEMENT * Math.sqrt(probe.length)) {
                        found = b;
                    }
                }
                if (found < 0) {
                    throw new IllegalArgumentException("the group action does not map the augmented training set to "
                            + "itself, so Π(g) is not a permutation: " + elements.get(h) + " applied after "
                            + elements.get(a) + " is none of the " + m + " elements (closest differs by " + closest
                            + " on a probe input); augment by a whole finite group, or use approximate()");
                }
                if (hit[found]) {
                    throw new IllegalArgumentException("Π(" + elements.get(h) + ") is not a permutation: it maps two "
                            + "orbit copies onto " + elements.get(found) + " (an element is listed twice?)");
                }
                hit[found] = true;
                table[h][a] = found;
            }
        }
        return table;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** The augmented inputs (|G|·N, ...), group major. */
    public INDArray x() {
        return x;
    }

    /** The augmented labels (|G|·N, k), group major. */
    public INDArray y() {
        return y;
    }

    /** The group elements, the identity first. */
    public List<GroupElement> elements() {
        return elements;
    }

    /** The label representation ρ_Y. */
    public LabelAction labelAction() {
        return labelAction;
    }

    /** N, the number of original samples. */
    public int originalSize() {
        return originalSize;
    }

    /** |G|·N. */
    public int size() {
        return originalSize * elements.size();
    }

    /** Whether the elements were checked to close, so that {@link #permutation} exists. */
    public boolean isExact() {
        return table != null;
    }

    /**
     * π_h for the element with index {@code h} in {@link #elements()}: {@code ρ_X(g_h)x_i = x_{π_h(i)}}.
     *
     * @throws IllegalStateException for an {@link #approximate} augmentation
     */
    public int[] permutation(int h) {
        if (table == null) {
            throw new IllegalStateException("an approximate augmentation (elements not checked to close) has no "
                    + "permutation Π(g)");
        }
        int[] pi = new int[size()];
        for (int a = 0; a < elements.size(); a++) {
            for (int n = 0; n < originalSize; n++) {
                pi[a * originalSize + n] = table[h][a] * originalSize + n;
            }
        }
        return pi;
    }

    /** {@code Π(g_h)}, (|G|N × |G|N) with {@code Π[i, π_h(i)] = 1}, so {@code (Π·v)_i = v_{π_h(i)}}. */
    public INDArray permutationMatrix(int h) {
        int[] pi = permutation(h);
        INDArray m = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, pi.length, pi.length);
        for (int i = 0; i < pi.length; i++) {
            m.putScalar(i, pi[i], 1.0);
        }
        return m;
    }

    @Override
    public String toString() {
        return "AugmentedData[" + originalSize + " samples × " + elements.size() + " elements = " + size() + ", labels "
                + labelAction.label() + (isExact() ? "" : ", approximate") + "]";
    }
}

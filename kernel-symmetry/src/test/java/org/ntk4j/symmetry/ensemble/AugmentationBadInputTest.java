package org.ntk4j.symmetry.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.symmetry.GroupElement;
import org.ntk4j.symmetry.Groups;
import org.ntk4j.symmetry.PixelPermutation;
import org.ntk4j.symmetry.RandomInputs;

/** Orbit augmentation: the permutation it tracks, and clear errors for inputs that do not fit. */
class AugmentationBadInputTest {
    private static final INDArray SPINS = Ising.spins(3, 4, new SplittableRandom(1));

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void actingOnTheAugmentedSetPermutesIt() {
        AugmentedData aug = AugmentedData.of(SPINS, Ising.localEnergy(SPINS), Groups.c4(), LabelAction.perSite());
        assertEquals(12, aug.size());
        for (int h = 0; h < 4; h++) {
            GroupElement g = aug.elements().get(h);
            int[] pi = aug.permutation(h);
            INDArray moved = g.apply(aug.x());
            INDArray movedY = LabelAction.perSite().apply(g, aug.y());
            for (int i = 0; i < aug.size(); i++) {
                assertEquals(0.0, moved.slice(i).sub(aug.x().slice(pi[i])).amaxNumber().doubleValue());
                assertEquals(0.0, movedY.slice(i).sub(aug.y().slice(pi[i])).amaxNumber().doubleValue());
            }
        }
    }

    @Test
    void elementsThatDoNotCloseAreNotAPermutation() {
        List<GroupElement> c4 = Groups.c4().elements(new InputShape(new int[] {4, 4}, 1));
        String m = message(() -> AugmentedData.of(SPINS, Ising.totalEnergy(SPINS), List.of(c4.get(0), c4.get(1)),
                LabelAction.invariant()));
        assertTrue(m.contains("not a permutation") && m.contains("rot90"), m);
    }

    @Test
    void interpolatedRotationsAreNotAPermutation() {
        INDArray x = RandomInputs.gaussian(1, 2, 6, 6, 1);
        List<GroupElement> c8 = ImageRotation.cyclic(8, new InputShape(new int[] {6, 6}, 1));
        String m = message(() -> AugmentedData.of(x, RandomInputs.gaussian(2, 2), c8, LabelAction.invariant()));
        assertTrue(m.contains("not a permutation") && m.contains("approximate()"), m);
        assertEquals(16, AugmentedData.approximate(x, RandomInputs.gaussian(2, 2), c8, LabelAction.invariant()).size());
    }

    @Test
    void perSiteLabelsMustFitTheLattice() {
        String m = message(() -> AugmentedData.of(SPINS, RandomInputs.gaussian(3, 3, 15), Groups.c4(),
                LabelAction.perSite()));
        assertTrue(m.contains("16 site(s)") && m.contains("[3, 15]"), m);
    }

    @Test
    void invariantLabelsMustBeAMatrix() {
        String m = message(() -> AugmentedData.of(SPINS, SPINS, Groups.c4(), LabelAction.invariant()));
        assertTrue(m.contains("(N) or (N, k)"), m);
    }

    @Test
    void labelCountMustMatch() {
        String m = message(() -> AugmentedData.of(SPINS, RandomInputs.gaussian(3, 2, 1), Groups.c4(),
                LabelAction.invariant()));
        assertTrue(m.contains("label count 2") && m.contains("3 training inputs"), m);
    }

    @Test
    void c4NeedsASquareLattice() {
        INDArray x = RandomInputs.gaussian(1, 2, 4, 5, 1);
        String m = message(() -> AugmentedData.of(x, RandomInputs.gaussian(2, 2), Groups.c4(), LabelAction.invariant()));
        assertTrue(m.contains("square") && m.contains("[4, 5]"), m);
        String r = message(() -> ImageRotation.cyclic(8, new InputShape(new int[] {4, 5}, 1)));
        assertTrue(r.contains("square"), r);
    }

    @Test
    void interpolatedRotationBy90DegreesIsTheLatticeRotation() {
        InputShape s = new InputShape(new int[] {5, 5}, 2);
        INDArray x = RandomInputs.gaussian(4, 3, 5, 5, 2);
        PixelPermutation r = (PixelPermutation) Groups.c4().elements(s).get(1);
        double d = ImageRotation.of(s, 90).apply(x).sub(r.apply(x)).amaxNumber().doubleValue();
        assertTrue(d < 1e-12, "bilinear 90° vs lattice rotation: " + d);
    }
}

package org.ntk4j.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.testkit.KernelAsserts;

/** Group elements, finite-group enumeration, names, dimensions and the subgroup relation. */
class GroupsTest {
    private static final InputShape IMAGE = new InputShape(new int[] {4, 4}, 3);

    @Test
    void everyGroupPreservesTheNormOfEveryInput() {
        INDArray x = RandomInputs.gaussian(1, 2, 4, 4, 3);
        SplittableRandom rng = new SplittableRandom(1);
        for (String name : List.of("O(Cd)", "SO(Cd)", "P(Cd)", "O(C)^d", "P(C)^d", "O(C)xI_d", "P(C)xI_d",
                "translation", "translation(2)", "C4", "D4", "identity")) {
            INDArray tx = Groups.byName(name).sample(rng, IMAGE).apply(x);
            assertArrayEquals(x.shape(), tx.shape(), name);
            double[][] before = Inputs.rows(x, "x");
            double[][] after = Inputs.rows(tx, "tx");
            for (int n = 0; n < 2; n++) {
                assertEquals(norm(before[n]), norm(after[n]), 1e-12, name);
            }
        }
    }

    @Test
    void permutationGroupsOnlyReorderValues() {
        INDArray x = RandomInputs.gaussian(2, 1, 4, 4, 3);
        double[] sorted = Inputs.rows(x, "x")[0];
        Arrays.sort(sorted);
        SplittableRandom rng = new SplittableRandom(2);
        for (Group g : List.of(Groups.permutation(), Groups.pixelwisePermutation(), Groups.sharedPermutation(),
                Groups.translation(), Groups.d4())) {
            double[] moved = Inputs.rows(g.sample(rng, IMAGE).apply(x), "x")[0];
            Arrays.sort(moved);
            assertArrayEquals(sorted, moved, 0, g.name());
        }
    }

    @Test
    void channelGroupsKeepEveryPixelsNorm() {
        INDArray x = RandomInputs.gaussian(3, 1, 4, 4, 3);
        SplittableRandom rng = new SplittableRandom(3);
        for (Group g : List.of(Groups.pixelwiseOrthogonal(), Groups.sharedOrthogonal(), Groups.pixelwisePermutation())) {
            INDArray tx = g.sample(rng, IMAGE).apply(x);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double before = pixel(x, i, j);
                    double after = pixel(tx, i, j);
                    assertEquals(before, after, 1e-12, g.name() + " at pixel " + i + "," + j);
                }
            }
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a * a;
        }
        return Math.sqrt(s);
    }

    private static double pixel(INDArray x, int i, int j) {
        return x.get(NDArrayIndex.point(0), NDArrayIndex.point(i), NDArrayIndex.point(j), NDArrayIndex.all())
                .norm2Number().doubleValue();
    }

    @Test
    void sharedOrthogonalUsesOneMatrixForAllPixels() {
        ChannelMatrixElement g = (ChannelMatrixElement) Groups.sharedOrthogonal().sample(new SplittableRandom(4), IMAGE);
        assertTrue(MatrixFeatures_DDRM.isIdentical(g.block(0), g.block(15), 0));
        ChannelMatrixElement h = (ChannelMatrixElement) Groups.pixelwiseOrthogonal().sample(new SplittableRandom(4), IMAGE);
        assertFalse(MatrixFeatures_DDRM.isIdentical(h.block(0), h.block(15), 1e-3));
    }

    @Test
    void c4HasOrderFourAndD4OrderEightBothClosed() {
        for (FiniteGroup g : List.of(Groups.c4(), Groups.d4())) {
            List<GroupElement> all = g.elements(IMAGE);
            Set<GroupElement> set = new HashSet<>(all);
            assertEquals(g.name().equals("C4") ? 4 : 8, set.size(), g.name());
            assertEquals(set.size(), g.order(IMAGE));
            for (GroupElement a : all) {
                for (GroupElement b : all) {
                    assertTrue(set.contains(((PixelPermutation) a).then((PixelPermutation) b)), g.name() + " closed");
                }
            }
            assertEquals(new PixelPermutation(Permutations.identity(16), IMAGE, "e"), all.get(0), "identity first");
        }
    }

    @Test
    void c4RotatesTheImageByNinetyDegrees() {
        InputShape shape = new InputShape(new int[] {2, 2}, 1);
        INDArray x = org.nd4j.linalg.factory.Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {1, 2, 2, 1}, 'c');
        // [[1, 2], [3, 4]] -> [[3, 1], [4, 2]]
        double[] r = Inputs.rows(Groups.c4().elements(shape).get(1).apply(x), "x")[0];
        assertArrayEquals(new double[] {3, 1, 4, 2}, r, 0);
    }

    @Test
    void translationsComposeByAddingShifts() {
        PixelPermutation a = TranslationGroup.shift(IMAGE, 1, 3);
        PixelPermutation b = TranslationGroup.shift(IMAGE, 2, 2);
        assertEquals(TranslationGroup.shift(IMAGE, 3, 1), a.then(b));
        INDArray x = RandomInputs.gaussian(5, 2, 4, 4, 3);
        assertEquals(0, KernelAsserts.maxAbsDiff(b.apply(a.apply(x)), a.then(b).apply(x)));
        assertEquals(16, Groups.translation().order(IMAGE));
        assertEquals(4, Groups.translation(2).order(IMAGE));
        assertEquals(16, new HashSet<>(Groups.translation().elements(IMAGE)).size());
    }

    @Test
    void translationMovesPixelsCyclically() {
        InputShape shape = new InputShape(new int[] {3}, 1);
        INDArray x = org.nd4j.linalg.factory.Nd4j.create(new double[] {1, 2, 3}, new long[] {1, 3, 1}, 'c');
        double[] r = Inputs.rows(TranslationGroup.shift(shape, 1).apply(x), "x")[0];
        assertArrayEquals(new double[] {3, 1, 2}, r, 0);
    }

    @Test
    void sharedPermutationHasCFactorialElements() {
        assertEquals(6, Groups.sharedPermutation().order(IMAGE));
        assertEquals(1, Groups.identity().order(IMAGE));
    }

    @Test
    void actsOnVectorBatchesWithOnePixel() {
        INDArray x = RandomInputs.gaussian(6, 3, 5);
        InputShape shape = new InputShape(new int[0], 5);
        INDArray tx = Groups.orthogonal().sample(new SplittableRandom(6), shape).apply(x);
        assertArrayEquals(new long[] {3, 5}, tx.shape());
        assertEquals(x.norm2Number().doubleValue(), tx.norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void lieDimensionsAreThoseOfThePaper() {
        InputShape paper = new InputShape(new int[] {32, 32}, 3);
        int d = 1024;
        assertEquals(OptionalInt.of(3 * d * (3 * d - 1) / 2), Groups.orthogonal().lieDimension(paper));
        assertEquals(OptionalInt.of(3 * d), Groups.pixelwiseOrthogonal().lieDimension(paper));
        assertEquals(OptionalInt.of(3), Groups.sharedOrthogonal().lieDimension(paper));
        assertEquals(OptionalInt.empty(), Groups.permutation().lieDimension(paper));
        assertEquals(OptionalInt.empty(), Groups.translation().lieDimension(paper));
    }

    @Test
    void subgroupRelationFollowsThePaper() {
        Group o = Groups.orthogonal();
        for (Group g : List.of(Groups.permutation(), Groups.pixelwiseOrthogonal(), Groups.pixelwisePermutation(),
                Groups.sharedOrthogonal(), Groups.sharedPermutation(), Groups.translation(), Groups.c4(),
                Groups.identity())) {
            assertTrue(o.contains(g), "O(Cd) contains " + g);
            assertTrue(g.contains(g), g + " contains itself");
            assertTrue(g.contains(Groups.identity()), g + " contains the identity");
        }
        Group pixelwise = Groups.pixelwiseOrthogonal();
        assertTrue(pixelwise.contains(Groups.sharedPermutation()));
        assertTrue(pixelwise.contains(Groups.pixelwisePermutation()));
        assertFalse(pixelwise.contains(Groups.permutation()));
        assertFalse(pixelwise.contains(Groups.translation()));
        assertFalse(Groups.sharedOrthogonal().contains(Groups.pixelwisePermutation()));
        assertTrue(Groups.translation().contains(Groups.translation(2)));
        assertFalse(Groups.translation(2).contains(Groups.translation()));
        assertTrue(Groups.d4().contains(Groups.c4()));
        assertFalse(Groups.c4().contains(Groups.d4()));
        assertFalse(Groups.byName("O(3)^d").contains(Groups.byName("P(4)xI_d")));
    }

    @Test
    void namesRoundTripAndAcceptTheTensorSign() {
        for (Group g : List.of(Groups.orthogonal(), Groups.specialOrthogonal(), Groups.permutation(),
                Groups.pixelwiseOrthogonal(), Groups.pixelwisePermutation(), Groups.sharedOrthogonal(),
                Groups.sharedPermutation(), Groups.translation(), Groups.translation(3), Groups.c4(), Groups.d4(),
                Groups.identity())) {
            assertEquals(g, Groups.byName(g.name()), g.name());
        }
        assertEquals(Groups.sharedOrthogonal(), Groups.byName("O(C)⊗I_d"));
        assertEquals("O(3)^d", Groups.byName("O(3)^d").name());
        assertEquals("O(3d)", Groups.byName("O(3d)").name());
        assertNotEquals(Groups.pixelwiseOrthogonal(), Groups.byName("O(3)^d"));
    }
}

package org.ntk4j.symmetry;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.flatten;
import static org.ntk4j.layers.Layers.serial;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.layers.Layer;

/** Clear errors, saying expected vs actual, for inputs the groups cannot handle. */
class BadInputTest {
    private static final InputShape IMAGE = new InputShape(new int[] {4, 4}, 3);

    private static void assertMessage(Executable e, String... parts) {
        String msg = assertThrows(IllegalArgumentException.class, e).getMessage();
        for (String p : parts) {
            assertTrue(msg.contains(p), "message '" + msg + "' should contain '" + p + "'");
        }
    }

    @Test
    void elementAppliedToDataOfAnotherShape() {
        GroupElement g = Groups.pixelwiseOrthogonal().sample(new SplittableRandom(1), IMAGE);
        INDArray wrongPixels = RandomInputs.gaussian(1, 2, 5, 5, 3);
        assertMessage(() -> g.apply(wrongPixels), "(4, 4, 3)", "(5, 5, 3)");
        INDArray wrongChannels = RandomInputs.gaussian(1, 2, 4, 4, 1);
        assertMessage(() -> g.apply(wrongChannels), "(4, 4, 3)", "(4, 4, 1)");
    }

    @Test
    void groupWithAFixedChannelCountOnOtherData() {
        assertMessage(() -> Groups.byName("O(3)^d").sample(new SplittableRandom(1), new InputShape(new int[] {4, 4}, 1)),
                "O(3)^d", "3 channel(s)", "has 1");
    }

    @Test
    void c4OnNonSquareImages() {
        assertMessage(() -> Groups.c4().sample(new SplittableRandom(1), new InputShape(new int[] {4, 6}, 3)),
                "square", "(4, 6, 3)");
        assertMessage(() -> Groups.d4().elements(new InputShape(new int[] {16}, 3)), "square");
    }

    @Test
    void translationStepNotDividingTheImage() {
        assertMessage(() -> Groups.translation(2).elements(new InputShape(new int[] {5, 5}, 3)), "2", "[5, 5]");
        assertMessage(() -> Groups.translation().elements(new InputShape(new int[0], 3)), "spatial dims");
    }

    @Test
    void nonOrthogonalMatrix() {
        double[][] q = {{1, 0.1}, {0, 1}};
        assertMessage(() -> GroupElement.ofChannelMatrix(q, new InputShape(new int[] {3}, 2)), "not orthogonal",
                "1.0E-10");
        assertMessage(() -> GroupElement.ofMatrix(new double[][] {{1, 0}, {0, 1}}, IMAGE), "48×48", "2 rows");
        assertMessage(() -> GroupElement.ofChannelMatrix(new double[][] {{1, 0}, {0, 1}}, IMAGE), "3×3", "2 rows");
    }

    @Test
    void zeroSamples() {
        Layer fcn = serial(flatten(), dense(1));
        INDArray x = RandomInputs.gaussian(1, 2, 4, 4, 3);
        assertMessage(() -> Invariance.of(fcn, Groups.orthogonal(), x, 0, 1), "at least 1", "got 0");
        assertMessage(() -> Equivariance.of(fcn, Groups.translation(), x, 0, 1), "at least 1", "got 0");
        assertMessage(() -> InvariantKernel.monteCarlo(fcn, Groups.orthogonal(), 0, 1), "at least 1", "got 0");
    }

    @Test
    void unknownGroupName() {
        assertMessage(() -> Groups.byName("O(C)^2"), "unknown group", "O(C)xI_d");
    }

    @Test
    void equivarianceOfAKernelWithoutSpatialDims() {
        Layer fcn = serial(flatten(), dense(1));
        INDArray x = RandomInputs.gaussian(1, 2, 4, 4, 3);
        assertMessage(() -> Equivariance.of(fcn, Groups.translation(), x, 1, 1), "spatial dims", "[2, 2]");
    }
}

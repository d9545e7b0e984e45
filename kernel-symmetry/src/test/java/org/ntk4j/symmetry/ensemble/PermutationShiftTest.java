package org.ntk4j.symmetry.ensemble;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.CIRCULAR;
import static org.ntk4j.layers.Layers.conv;
import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.flatten;
import static org.ntk4j.layers.Layers.globalAvgPool;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.layers.Layer;
import org.ntk4j.symmetry.FiniteGroup;
import org.ntk4j.symmetry.Groups;
import org.ntk4j.symmetry.RandomInputs;

/**
 * Seed 001's permutation shift: for data augmented by G and a G-invariant kernel,
 * {@code Π(g)·Θ(X, X) = Θ(X, X)·Π(g)} for every g, NNGP and NTK, to 1e-12 relative.
 */
class PermutationShiftTest {
    static Stream<Arguments> cases() {
        Layer fcn = serial(flatten(), dense(16, 1.4, 0.1), relu(), dense(1, 1.4, 0.1));
        Layer cnnGap = serial(conv(8, 3, 3).padding(CIRCULAR).wStd(1.4).bStd(0.1), relu(),
                conv(8, 3, 3).padding(CIRCULAR).wStd(1.4).bStd(0.1), relu(), globalAvgPool(), dense(1, 1.4, 0.1));
        return Stream.of(Arguments.of("FCN, C4", fcn, Groups.c4()), Arguments.of("FCN, D4", fcn, Groups.d4()),
                Arguments.of("CNN-GAP CIRCULAR, C4", cnnGap, Groups.c4()),
                Arguments.of("CNN-GAP CIRCULAR, translations", cnnGap, Groups.translation()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void augmentedGramCommutesWithThePermutation(String name, Layer net, FiniteGroup group) {
        INDArray x = RandomInputs.gaussian(17, 4, 4, 4, 2);
        INDArray y = RandomInputs.gaussian(18, 4, 1);
        AugmentedData aug = AugmentedData.of(x, y, group, LabelAction.invariant());
        Kernel k = Gram.of(net).compute(aug.x());
        for (int h = 0; h < aug.elements().size(); h++) {
            INDArray pi = aug.permutationMatrix(h);
            for (INDArray gram : new INDArray[] {k.nngp(), k.ntk()}) {
                double scale = gram.amaxNumber().doubleValue();
                double d = pi.mmul(gram).sub(gram.mmul(pi)).amaxNumber().doubleValue();
                assertTrue(d <= 1e-12 * scale, name + ", " + aug.elements().get(h) + ": |ΠΘ − ΘΠ| = " + d + " of " + scale);
            }
        }
    }
}

package org.ntk4j.symmetry;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.CIRCULAR;
import static org.ntk4j.layers.Layers.SAME;
import static org.ntk4j.layers.Layers.conv;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.Network;

/** Conv layers without a readout are translation- (and lattice-) equivariant with CIRCULAR padding. */
class EquivarianceTest {
    private static final INDArray X = RandomInputs.gaussian(21, 3, 5, 5, 2);

    private static Layer convNet(org.ntk4j.core.Padding padding) {
        return serial(conv(1, 3, 3).padding(padding).wStd(1.4).bStd(0.1), relu(),
                conv(1, 3, 3).padding(padding).wStd(1.4).bStd(0.1));
    }

    @Test
    void circularConvIsTranslationEquivariantInDiagonalStorage() {
        assertTrue(Equivariance.of(convNet(CIRCULAR), Groups.translation(), X, 3, 1).max() < 1e-13);
    }

    @Test
    void circularConvIsTranslationEquivariantInFullStorage() {
        Layer net = convNet(CIRCULAR);
        KernelFunction full = shape -> Network.compile(net, shape, true);
        assertTrue(Equivariance.of(full, Groups.translation(), X, 3, 1).max() < 1e-13);
    }

    @Test
    void circularConvIsD4Equivariant() {
        assertTrue(Equivariance.of(convNet(CIRCULAR), Groups.d4(), X, 4, 2).max() < 1e-13);
    }

    @Test
    void samePaddingBreaksTranslationEquivariance() {
        assertTrue(Equivariance.of(convNet(SAME), Groups.translation(), X, 3, 1).max() > 1e-3);
    }
}

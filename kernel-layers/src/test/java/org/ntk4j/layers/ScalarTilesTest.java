package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.ntk4j.layers.Layers.*;
import static org.ntk4j.testkit.KernelAsserts.assertClose;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Kernel;
import org.ntk4j.testkit.Seeded;

/**
 * Scalar networks evaluated in blocks of pairs (input covariances by one matrix product, layers
 * elementwise over the block) agree with the pair-by-pair path, which tiles larger than the block
 * size fall back to.
 */
class ScalarTilesTest {
    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("FCN relu", serial(dense(1, 1.5, 0.1), relu(), dense(1, 1.5, 0.1), relu(), dense(1)),
                        Seeded.gaussian(1, 37, 11), Seeded.gaussian(2, 23, 11)),
                Arguments.of("FCN erf standard", serial(dense(3, 1.2, 0.3, STANDARD), erf(), dense(2, 0.9, null, STANDARD),
                        leakyRelu(0.2), dense(1, 1.0, 0.05, STANDARD)), Seeded.gaussian(3, 30, 6), Seeded.gaussian(4, 9, 6)),
                Arguments.of("flatten first", serial(flatten(), dense(1, 1.4, 0.2), abs(), dense(1)),
                        Seeded.gaussian(5, 20, 3, 4, 2), Seeded.gaussian(6, 17, 3, 4, 2)),
                Arguments.of("branches", serial(dense(1, 1.3), relu(), fanOut(2), parallel(dense(2, 1.5, 0.1),
                        serial(dense(1), erf())), fanInConcat(), dense(1)), Seeded.gaussian(7, 25, 5),
                        Seeded.gaussian(8, 25, 5)));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("networks")
    void blocksAgreeWithPairByPair(String name, Layer net, INDArray x1, INDArray x2) {
        assertNotNull(net.compile(InputShape.ofBatchShape(x1.shape())).tileKernel(), name + " should run in blocks");
        for (boolean cross : new boolean[] {false, true}) {
            Gram blocks = Gram.of(net).tileSize(8), pairs = Gram.of(net).tileSize(Network.BLOCK + 1);
            Kernel a = cross ? blocks.compute(x1, x2) : blocks.compute(x1);
            Kernel b = cross ? pairs.compute(x1, x2) : pairs.compute(x1);
            assertClose(b.nngp(), a.nngp(), 1e-13, name + " nngp");
            assertClose(b.ntk(), a.ntk(), 1e-13, name + " ntk");
            Kernel c = cross ? blocks.nngpOnly().compute(x1, x2) : blocks.nngpOnly().compute(x1);
            assertClose(b.nngp(), c.nngp(), 1e-13, name + " nngp only");
            if (!cross) {
                assertClose(a.nngp(), a.nngp().transpose(), 0.0, name + " symmetric");
            }
        }
    }

    @Test
    void networksWithSpatialLayersRunPairByPair() {
        assertNull(serial(conv(1, 3, 3), relu(), flatten(), dense(1)).compile(new InputShape(new int[] {5, 5}, 2))
                .tileKernel());
        assertNull(serial(dense(1), relu(), flatten(), dense(1)).compile(new InputShape(new int[0], 4)).tileKernel());
        assertEquals(64, Network.BLOCK);
    }
}

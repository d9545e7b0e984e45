package org.ntk4j.layers;

import static org.ntk4j.layers.Layers.*;
import static org.ntk4j.testkit.KernelAsserts.assertClose;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.CompiledKernel;
import org.ntk4j.core.Gram;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.testkit.Seeded;

/**
 * A symmetric build computes each unordered pair once and writes K(x_j, x_i) as the mirror image of
 * K(x_i, x_j) (transposing full spatial entries); the same inputs given as a second, distinct batch
 * compute every pair directly. Both must agree for scalar, diagonal and full spatial entries, with
 * tiles that do and do not divide N. The tolerance is √ε-sized because of the diagonal: the
 * symmetric build takes K(x_i, x_i) from the input's own pass, the cross build from the pair
 * (x_i, x_i) with its covariance from BLAS, and at correlation 1 the arc-cosine turns their last-bit
 * difference into ≈ 1e-9 (see {@code IdentityTest}); a wrong mirror image is off by O(1).
 */
class GramMirrorTest {

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("scalar entries (FCN, blockwise)", serial(dense(1, 1.3, 0.2), relu(), dense(1)), new long[] {6}),
                Arguments.of("scalar entries (pooled CNN)", serial(conv(1, 3, 3).padding(SAME), relu(), globalAvgPool(),
                        dense(1)), new long[] {4, 3, 2}),
                Arguments.of("diagonal spatial entries", serial(convLocal(1, 2, 2).padding(SAME), relu(),
                        convLocal(1, 2, 2)), new long[] {4, 3, 2}),
                Arguments.of("full spatial entries", fullOutput(serial(conv(1, 3, 2).padding(CIRCULAR), relu(),
                        conv(1, 2, 2))), new long[] {4, 3, 2}));
    }

    /** The network with its full P×P output covariance kept (entries of shape (H, W, H, W)). */
    private static KernelFunction fullOutput(Layer net) {
        return new KernelFunction() {
            @Override
            public CompiledKernel compile(InputShape shape) {
                return Network.compile(net, shape, true);
            }

            @Override
            public String toString() {
                return "full output of " + net;
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void mirroredPairsEqualDirectlyComputedOnes(String name, KernelFunction net, long[] shape) {
        long[] full = new long[shape.length + 1];
        full[0] = 11;
        System.arraycopy(shape, 0, full, 1, shape.length);
        INDArray x = Seeded.gaussian(21, full);
        for (int tile : new int[] {3, 4, 64}) {
            if (name.startsWith("full")) {
                org.junit.jupiter.api.Assertions.assertEquals(2 + 2 * (full.length - 2),
                        Gram.of(net).compute(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2))).nngp().rank(),
                        "full entries: (N, N, H, W, H, W)");
            }
            Gram gram = Gram.of(net).threads(2).tileSize(tile);
            Kernel symmetric = gram.compute(x);
            Kernel direct = gram.compute(x, x.dup());
            assertClose(direct.nngp(), symmetric.nngp(), 1e-7, name + " nngp, tile " + tile);
            assertClose(direct.ntk(), symmetric.ntk(), 1e-7, name + " ntk, tile " + tile);
        }
    }
}

package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.GramJob;
import org.ntk4j.core.GramProgress;
import org.ntk4j.core.Kernel;
import org.ntk4j.testkit.Seeded;

/**
 * Builds whose variance chains exceed {@link Gram#chainMemory(long)} compute them per work unit
 * instead of once for all inputs: the same kernel bit for bit, and the same progress total.
 */
class GramChainMemoryTest {

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("pooled CNN", serial(conv(2, 3, 3).padding(SAME).bStd(0.1), relu(),
                        conv(2, 3, 3).padding(CIRCULAR), erf(), globalAvgPool(), dense(1)), new int[] {5, 4, 2}),
                Arguments.of("locally connected, flatten", serial(convLocal(2, 2, 2), relu(), flatten(), dense(1, 1.2, 0.1)),
                        new int[] {4, 4, 1}),
                Arguments.of("full spatial output", serial(conv(1, 3, 3).padding(SAME), relu(), conv(1, 2, 2)),
                        new int[] {4, 3, 2}),
                Arguments.of("FCN (blockwise)", serial(dense(1, 1.4, 0.1), relu(), dense(1, 1.4, 0.1), relu(), dense(1)),
                        new int[] {7}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void perUnitChainsGiveTheSameBitsSymmetricAndCross(String name, Layer net, int[] shape) {
        INDArray x1 = Seeded.gaussian(11, withBatch(13, shape));
        INDArray x2 = Seeded.gaussian(12, withBatch(6, shape));
        for (INDArray[] pair : List.of(new INDArray[] {x1, x1}, new INDArray[] {x1, x2})) {
            Gram kept = Gram.of(net).threads(2).tileSize(4);
            Kernel a = kept.compute(pair[0], pair[1]);
            Kernel b = kept.chainMemory(0).compute(pair[0], pair[1]);
            assertArrayEquals(a.nngp().shape(), b.nngp().shape());
            assertArrayEquals(a.nngp().data().asDouble(), b.nngp().data().asDouble(), 0.0, name + " nngp");
            assertArrayEquals(a.ntk().data().asDouble(), b.ntk().data().asDouble(), 0.0, name + " ntk");
        }
    }

    @Test
    void progressReachesTheSameTotalWithPerUnitChains() {
        Layer net = serial(conv(1, 3, 3).padding(SAME), relu(), globalAvgPool(), dense(1));
        INDArray x = Seeded.gaussian(3, 10, 4, 4, 1);
        INDArray x2 = Seeded.gaussian(4, 3, 4, 4, 1);
        for (INDArray other : List.of(x, x2)) {
            AtomicLong last = new AtomicLong();
            GramJob job = Gram.of(net).threads(2).tileSize(3).chainMemory(0)
                    .progress((GramProgress) (done, total, rate, eta) -> {
                        assertTrue(done > last.get(), "progress must increase");
                        last.set(done);
                    }).start(x, other);
            job.get();
            long expected = GramJob.entries(10, other.size(0), other == x);
            assertEquals(expected, job.total());
            assertEquals(expected, job.done());
            assertEquals(expected, last.get());
        }
    }

    @Test
    void rejectsNegativeChainMemory() {
        assertThrows(IllegalArgumentException.class, () -> Gram.of(dense(1)).chainMemory(-1));
    }

    private static long[] withBatch(int n, int[] shape) {
        long[] full = new long[shape.length + 1];
        full[0] = n;
        for (int i = 0; i < shape.length; i++) {
            full[i + 1] = shape[i];
        }
        return full;
    }
}

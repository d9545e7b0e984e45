package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ntk4j.layers.Layers.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.Precision;
import org.ntk4j.testkit.Seeded;

/**
 * A convolution fused with the nonlinearity after it gives the same bits as the two run one after the other,
 * in float64 and in float32.
 */
class FusionTest {
    static Stream<Arguments> networks() {
        INDArray img = Seeded.gaussian(1, 5, 7, 6, 3);
        INDArray seq = Seeded.gaussian(2, 5, 9, 2);
        return Stream.of(
                Arguments.of("GAP SAME", serial(conv(1, 3, 3).padding(SAME).wStd(1.5).bStd(0.1), relu(),
                        conv(1, 3, 3).padding(SAME).wStd(1.5).bStd(0.1), relu(), globalAvgPool(), dense(1)), img),
                Arguments.of("GAP CIRCULAR erf", serial(conv(1, 3, 2).padding(CIRCULAR).wStd(1.2), erf(0.9, 1.1, 0.1),
                        conv(1, 2, 3).padding(CIRCULAR).bStd(0.3), leakyRelu(0.1), globalAvgPool(), dense(1)), img),
                Arguments.of("LAP VALID standard", serial(conv(4, 3, 3).wStd(1.5).bStd(0.1).parameterization(STANDARD),
                        abs(), avgPool(2, 2).strides(2, 2), flatten(), dense(1)), img),
                Arguments.of("strided", serial(conv(1, 3, 3).strides(2, 1).padding(SAME), relu(), globalAvgPool(),
                        dense(1)), img),
                Arguments.of("1D", serial(conv(1, 3).padding(SAME).bStd(0.2), relu(), conv(1, 2), relu(),
                        globalAvgPool(), dense(1)), seq),
                Arguments.of("residual", serial(conv(1, 3, 3).padding(SAME), fanOut(2), parallel(serial(relu(),
                        conv(1, 3, 3).padding(SAME), relu(), conv(1, 3, 3).padding(SAME)), identity()), fanInSum(),
                        relu(), globalAvgPool(), dense(1)), img));
    }

    private static KernelFunction compiled(Layer net, boolean fuse) {
        return compiled(net, fuse, Precision.FLOAT64);
    }

    private static KernelFunction compiled(Layer net, boolean fuse, Precision precision) {
        return shape -> Network.compile(net, shape, false, fuse, precision);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("networks")
    void fusedEqualsUnfusedBitForBit(String name, Layer net, INDArray x) {
        INDArray x2 = x.mul(0.7).add(0.1);
        for (Precision precision : Precision.values()) {
            for (boolean ntk : new boolean[] {true, false}) {
                Gram fused = Gram.of(compiled(net, true, precision)), plain = Gram.of(compiled(net, false, precision));
                if (!ntk) {
                    fused = fused.nngpOnly();
                    plain = plain.nngpOnly();
                }
                Kernel a = fused.compute(x, x2), b = plain.compute(x, x2);
                String what = name + " " + precision.label();
                assertArrayEquals(b.nngp().data().asDouble(), a.nngp().data().asDouble(), what + " nngp");
                if (ntk) {
                    assertArrayEquals(b.ntk().data().asDouble(), a.ntk().data().asDouble(), what + " ntk");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("networks")
    void defaultCompilationFuses(String name, Layer net, INDArray x) {
        Kernel a = net.kernel(x), b = Gram.of(compiled(net, false)).compute(x);
        assertArrayEquals(b.ntk().data().asDouble(), a.ntk().data().asDouble(), name);
        assertEquals(a.nngp().getDouble(0, 1), a.nngp().getDouble(1, 0));
    }
}

package org.ntk4j.layers.finite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.conv;
import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.fanInSum;
import static org.ntk4j.layers.Layers.fanOut;
import static org.ntk4j.layers.Layers.flatten;
import static org.ntk4j.layers.Layers.globalAvgPool;
import static org.ntk4j.layers.Layers.identity;
import static org.ntk4j.layers.Layers.parallel;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.layers.Layer;

/**
 * {@link FiniteNetwork#antithetic}: the twin's outputs are exactly the negated outputs, only the
 * readout's parameters differ (the other slots are shared), and
 * networks whose output is not linear in the readout are refused.
 */
class AntitheticTest {
    @Test
    void twinNegatesTheOutputExactly() {
        Ntk4j.init();
        Layer[] nets = {serial(flatten(), dense(16, 1.4, 0.1), relu(), dense(2, 1.4, 0.1)),
            serial(conv(3, 2, 2).bStd(0.2), relu(), conv(2, 2, 2), globalAvgPool()),
            serial(conv(3, 2, 2), relu(), flatten(), dense(1))};
        InputShape shape = new InputShape(new int[] {4, 4}, 2);
        INDArray x = MonteCarloTest.inputs(3, 5, 4, 4, 2);
        for (Layer net : nets) {
            FiniteNetwork f = FiniteNetwork.of(net, shape);
            Params p = f.init(new SplittableRandom(7));
            Params twin = f.antithetic(p);
            double[] y = f.apply(p, x).dup('c').data().asDouble();
            double[] yt = f.apply(twin, x).dup('c').data().asDouble();
            double norm = 0;
            for (int i = 0; i < y.length; i++) {
                assertEquals(-y[i], yt[i], 0.0, net + " output " + i);
                norm += y[i] * y[i];
            }
            assertTrue(norm > 0, "outputs are not all zero");
            for (int s = 0; s < p.slots() - 1; s++) {
                assertTrue(p.slot(s) == twin.slot(s), "slot " + s + " is shared");
            }
            assertEquals(p.count(), twin.count());
        }
    }

    @Test
    void refusesOutputsThatAreNotLinearInTheReadout() {
        Ntk4j.init();
        InputShape vec = new InputShape(new int[0], 3);
        FiniteNetwork relu = FiniteNetwork.of(serial(dense(4), relu(), dense(1), relu()), vec);
        FiniteNetwork residual = FiniteNetwork.of(serial(dense(3), fanOut(2), parallel(dense(3), identity()),
                fanInSum()), vec);
        for (FiniteNetwork f : new FiniteNetwork[] {relu, residual}) {
            Params p = f.init(new SplittableRandom(1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.antithetic(p));
            assertTrue(e.getMessage().contains("linear in its last Dense/Conv"), e.getMessage());
        }
    }
}

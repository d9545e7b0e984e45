package org.ntk4j.layers.finite;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;
import static org.ntk4j.layers.finite.MonteCarloTest.inputs;
import static org.ntk4j.testkit.KernelAsserts.relativeFrobenius;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Kernel;
import org.ntk4j.layers.Layer;

/**
 * A finite-width FCN with the quadrature nonlinearity {@code elementwiseNumerical("tanh", 25)}
 * converges to its analytic kernels: width 256, 100 draws, a 64-unit readout, relative Frobenius
 * error ≤ 0.05 (the tolerance of {@link MonteCarloTest}, about 2.5σ of the estimate; the
 * finite-width bias is O(1/width) ≈ 0.4% and the quadrature error at deg 25 below 1e-3). A wrong
 * φ' (the K̇ face) would show in the NTK, a wrong φ in both.
 */
class ElementwiseNumericalMonteCarloTest {
    @Test
    void tanhByQuadratureAgreesWithMonteCarlo() {
        INDArray x1 = inputs(31, 4, 5);
        INDArray x2 = inputs(32, 3, 5);
        Layer net = serial(dense(256, 1.5, 0.1), elementwiseNumerical("tanh", 25), dense(64, 1.5, 0.1));
        Kernel exact = net.kernel(x1, x2);
        long t0 = System.nanoTime();
        Kernel mc = MonteCarlo.of(net).samples(100).seed(5).threads(2).compute(x1, x2);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double nngp = relativeFrobenius(exact.nngp(), mc.nngp());
        double ntk = relativeFrobenius(exact.ntk(), mc.ntk());
        System.out.printf("MC ElementwiseNumerical(tanh, 25): nngp %.4f ntk %.4f  %.1f s%n", nngp, ntk, seconds);
        assertTrue(nngp <= 0.05, "NNGP relative Frobenius error " + nngp);
        assertTrue(ntk <= 0.05, "NTK relative Frobenius error " + ntk);
        // The same network with φ' by finite differences of φ gives the same analytic NTK.
        Layer numerical = serial(dense(512, 1.5, 0.1), elementwiseNumerical("tanh", Math::tanh, 25), dense(64, 1.5, 0.1));
        double diff = relativeFrobenius(exact.ntk(), numerical.kernel(x1, x2).ntk());
        assertTrue(diff < 1e-10, "numerical φ' changes the NTK by " + diff);
    }
}

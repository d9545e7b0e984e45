package org.ntk4j.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.CIRCULAR;
import static org.ntk4j.layers.Layers.SAME;
import static org.ntk4j.layers.Layers.conv;
import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.globalAvgPool;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.layers.Layer;

/** Invariance checks: self and cross forms, padding, vectors, the rotation path. */
class InvarianceTest {
    private static final INDArray X = RandomInputs.gaussian(11, 3, 5, 5, 3);
    private static final INDArray X2 = RandomInputs.gaussian(12, 2, 5, 5, 3);

    private static Layer gap(org.ntk4j.core.Padding padding) {
        return serial(conv(1, 3, 3).padding(padding).wStd(1.4).bStd(0.1), relu(), globalAvgPool(), dense(1, 1.4, 0.1));
    }

    @Test
    void crossFormOfAnInvariantKernelIsRoundOff() {
        Deviation d = Invariance.cross(gap(CIRCULAR), Groups.sharedOrthogonal(), X, X2, 2, 1);
        assertTrue(d.nngp() < 1e-13 && d.ntk() < 1e-13, d.toString());
        assertEquals(2, d.samples());
    }

    @Test
    void crossFormDetectsABrokenSymmetry() {
        Deviation d = Invariance.cross(gap(CIRCULAR), Groups.pixelwiseOrthogonal(), X, X2, 2, 1);
        assertTrue(d.nngp() > 1e-3 && d.ntk() > 1e-3, d.toString());
    }

    @Test
    void translationInvarianceNeedsCircularPadding() {
        assertTrue(Invariance.of(gap(CIRCULAR), Groups.translation(), X, 3, 2).max() < 1e-13);
        assertTrue(Invariance.of(gap(SAME), Groups.translation(), X, 3, 2).max() > 1e-3);
    }

    @Test
    void circularGapIsInvariantUnderTheLatticeSymmetries() {
        // Conv's infinite-width filter is isotropic (1/|F| on a square window), so D4 is a symmetry too.
        assertTrue(Invariance.of(gap(CIRCULAR), Groups.d4(), X, 4, 3).max() < 1e-13);
    }

    @Test
    void fcnOnVectorsIsOrthogonallyInvariant() {
        Layer fcn = serial(dense(1, 1.4, 0.1), relu(), dense(1, 1.4, 0.1));
        INDArray v = RandomInputs.gaussian(13, 4, 7);
        assertTrue(Invariance.of(fcn, Groups.specialOrthogonal(), v, 3, 4).max() < 1e-13);
    }

    @Test
    void vecIsInvariantAlongTheRotationPathAndGapIsNot() {
        PaperNetworks nets = PaperNetworks.small();
        INDArray x = RandomInputs.gaussian(14, 3, 4, 4, 3);
        RotationPath path = RotationPath.random(new SplittableRandom(5), new InputShape(new int[] {4, 4}, 3));
        GroupElement tau = path.at(0.5);
        Layer vec = nets.network(Architecture.VEC);
        Layer gap = nets.network(Architecture.GAP);
        assertTrue(Invariance.of(vec, tau, x, x, Invariance.kernel(vec, x, x)).max() < 1e-13);
        assertTrue(Invariance.of(gap, tau, x, x, Invariance.kernel(gap, x, x)).max() > 1e-3);
        assertEquals(0, Invariance.of(gap, path.at(0), x, x, Invariance.kernel(gap, x, x)).max());
    }

    @Test
    void exhaustiveCheckCoversEveryElement() {
        Deviation d = Invariance.overAll(gap(CIRCULAR), Groups.translation(), X);
        assertEquals(25, d.samples());
        assertTrue(d.max() < 1e-13, d.toString());
        assertTrue(Invariance.overAll(gap(SAME), Groups.translation(), X).max() > 1e-3);
    }

    @Test
    void nngpOnlyDeviationIgnoresTheMissingNtkAndPrintsJsonNull() {
        Deviation d = new Deviation(1e-3, Double.NaN, 1);
        assertEquals(1e-3, d.max());
        assertEquals("{\"nngp\":0.001,\"ntk\":null,\"max\":0.001,\"samples\":1}", d.json());
    }
}

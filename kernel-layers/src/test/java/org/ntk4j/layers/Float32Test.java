package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;
import static org.ntk4j.testkit.KernelAsserts.assertClose;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.Precision;
import org.ntk4j.testkit.KernelAsserts;
import org.ntk4j.testkit.Seeded;

/**
 * The opt-in float32 mode: every shared fixture to 1e-5 relative, entries that really are float32
 * values (so the mode cannot silently run in float64), and builds of every kind agreeing with each
 * other as they do in float64.
 */
class Float32Test {
    static List<Fixtures> fixtures() {
        return Fixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void float32MatchesTheReferenceToOneInAHundredThousand(Fixtures f) {
        KernelFunction net = f.network().withPrecision(Precision.FLOAT32);
        Kernel k = f.x2() == null ? net.kernel(f.x1()) : net.kernel(f.x1(), f.x2());
        System.out.printf("float32 %-28s nngp %.1e ntk %.1e%n", f.name(), KernelAsserts.relativeError(f.nngp(), k.nngp()),
                KernelAsserts.relativeError(f.ntk(), k.ntk()));
        assertClose(f.nngp(), k.nngp(), 1e-5, f.name() + " nngp");
        assertClose(f.ntk(), k.ntk(), 1e-5, f.name() + " ntk");
        for (double v : k.ntk().data().asDouble()) {
            assertTrue(v == (float) v, f.name() + ": " + v + " is not a float32 value");
        }
        Gram g = Gram.of(net).nngpOnly().threads(1);
        Kernel n = f.x2() == null ? g.compute(f.x1()) : g.compute(f.x1(), f.x2());
        assertClose(f.nngp(), n.nngp(), 1e-5, f.name() + " nngp only");
    }

    @Test
    void float32IsNotFloat64() {
        Layer net = serial(conv(1, 3, 3).padding(SAME), relu(), conv(1, 3, 3).padding(SAME), relu(), globalAvgPool(),
                dense(1));
        INDArray x = Seeded.gaussian(4, 3, 6, 6, 2);
        Kernel k64 = net.kernel(x), k32 = net.withPrecision(Precision.FLOAT32).kernel(x);
        double err = KernelAsserts.relativeError(k64.ntk(), k32.ntk());
        assertTrue(err > 1e-9 && err < 1e-5, "float32 vs float64 relative difference " + err);
        assertSame(net, net.withPrecision(Precision.FLOAT64));
        assertNotEquals(net.fingerprint(), net.withPrecision(Precision.FLOAT32).fingerprint());
    }

    @Test
    void blockwiseFcnTilesAgreeWithPairByPairInFloat32() {
        Layer net = serial(dense(512).bStd(0.1), relu(), dense(512), erf(1, 1, 0.1), dense(1));
        INDArray x1 = Seeded.gaussian(5, 70, 12), x2 = Seeded.gaussian(6, 67, 12);
        KernelFunction net32 = net.withPrecision(Precision.FLOAT32);
        // Tiles larger than the block side are evaluated pair by pair.
        Gram blocks = Gram.of(net32).tileSize(16), pairs = Gram.of(net32).tileSize(Network.BLOCK + 1);
        Kernel a = blocks.compute(x1, x2), b = pairs.compute(x1, x2), ref = net.kernel(x1, x2);
        // The input covariances come from a matrix product in one and a loop in the other.
        assertClose(b.nngp(), a.nngp(), 1e-6, "nngp");
        assertClose(b.ntk(), a.ntk(), 1e-6, "ntk");
        // Random inputs give a few strongly anti-correlated pairs, where the arc-cosine formula
        // (s·factor + K̇·q12) cancels: those small entries keep fewer float32 digits than the fixtures.
        assertClose(ref.ntk(), a.ntk(), 1e-4, "ntk vs float64");
        Kernel sym = blocks.compute(x1);
        assertClose(net.kernel(x1).ntk(), sym.ntk(), 1e-4, "symmetric ntk vs float64");
        assertClose(sym.ntk(), sym.ntk().transpose(), 0.0, "symmetric");
    }
}

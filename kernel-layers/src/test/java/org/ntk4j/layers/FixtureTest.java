package org.ntk4j.layers;

import static org.ntk4j.testkit.KernelAsserts.assertClose;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;

/** Every shared fixture (an independent float64 implementation) agrees to 1e-10 relative. */
class FixtureTest {
    static List<Fixtures> fixtures() {
        return Fixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void nngpAndNtkMatchTheReference(Fixtures f) {
        Kernel k = f.x2() == null ? f.network().kernel(f.x1()) : f.network().kernel(f.x1(), f.x2());
        assertClose(f.nngp(), k.nngp(), 1e-10, f.name() + " nngp");
        assertClose(f.ntk(), k.ntk(), 1e-10, f.name() + " ntk");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void nngpOnlyMatchesTheReference(Fixtures f) {
        Gram g = Gram.of(f.network()).nngpOnly().threads(1);
        Kernel k = f.x2() == null ? g.compute(f.x1()) : g.compute(f.x1(), f.x2());
        assertClose(f.nngp(), k.nngp(), 1e-10, f.name() + " nngp");
        org.junit.jupiter.api.Assertions.assertNull(k.ntk());
    }
}

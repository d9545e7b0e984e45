package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.ntk4j.testkit.KernelAsserts.assertClose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Precision;
import org.ntk4j.testkit.TestFixtures;

/**
 * The layer-zoo fixtures ({@code ../shared/fixtures/zoo}, an independent float64 implementation of
 * neural-tangents' formulas) agree to 1e-10 relative, 1e-9 where a network uses
 * ElementwiseNumerical, and to 1e-5 in float32; with the whole Gram path (tiles, blocks for FCNs,
 * full spatial covariances for pooled CNNs).
 */
class ZooFixtureTest {
    static List<Fixtures> fixtures() {
        try (Stream<Path> files = Files.list(TestFixtures.sharedDir().resolve("zoo"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(Fixtures::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyZooFixtureIsHere() {
        assertEquals(8, fixtures().size(), "the zoo fixtures in " + TestFixtures.sharedDir().resolve("zoo"));
    }

    private static double tolerance(Fixtures f) {
        return f.network().toString().contains("ElementwiseNumerical") ? 1e-9 : 1e-10;
    }

    private static Kernel kernel(org.ntk4j.core.KernelFunction net, Fixtures f) {
        return f.x2() == null ? net.kernel(f.x1()) : net.kernel(f.x1(), f.x2());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void float64MatchesTheReference(Fixtures f) {
        Kernel k = kernel(f.network(), f);
        assertClose(f.nngp(), k.nngp(), tolerance(f), f.name() + " nngp");
        assertClose(f.ntk(), k.ntk(), tolerance(f), f.name() + " ntk");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void nngpOnlyMatchesTheReference(Fixtures f) {
        Gram g = Gram.of(f.network()).nngpOnly().threads(1).tileSize(2);
        Kernel k = f.x2() == null ? g.compute(f.x1()) : g.compute(f.x1(), f.x2());
        assertClose(f.nngp(), k.nngp(), tolerance(f), f.name() + " nngp");
        assertNull(k.ntk());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void float32IsWithin1e5(Fixtures f) {
        Kernel k = kernel(f.network().withPrecision(Precision.FLOAT32), f);
        assertClose(f.nngp(), k.nngp(), 1e-5, f.name() + " nngp (float32)");
        assertClose(f.ntk(), k.ntk(), 1e-5, f.name() + " ntk (float32)");
    }
}

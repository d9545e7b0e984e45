package org.ntk4j.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.spec.NetworkSpec;

class PaperNetworksSpecTest {
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void theSpecParsesToTheSameNetwork(Architecture a) {
        for (PaperNetworks p : new PaperNetworks[] {PaperNetworks.paper(), PaperNetworks.small(),
            new PaperNetworks(3, 1.7, 0, 5, 4)}) {
            Layer parsed = NetworkSpec.parse(p.spec(a));
            assertEquals(p.network(a).toString(), parsed.toString(), p.spec(a));
            assertEquals(p.network(a).fingerprint(), parsed.fingerprint());
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyHyperParameterReachesTheSpec(Architecture a) {
        PaperNetworks p = PaperNetworks.paper();
        String fingerprint = NetworkSpec.parse(p.spec(a)).fingerprint();
        for (PaperNetworks q : new PaperNetworks[] {p.withDepth(7), new PaperNetworks(8, 2.5, 0.01, 3, 2),
            new PaperNetworks(8, 2, 0.02, 3, 2)}) {
            assertNotEquals(fingerprint, NetworkSpec.parse(q.spec(a)).fingerprint(), q.toString());
        }
        if (a != Architecture.FCN) {
            assertNotEquals(fingerprint, NetworkSpec.parse(new PaperNetworks(8, 2, 0.01, 5, 2).spec(a)).fingerprint());
        }
        if (a == Architecture.LAP) {
            assertNotEquals(fingerprint, NetworkSpec.parse(p.withPool(4).spec(a)).fingerprint());
        }
    }
}

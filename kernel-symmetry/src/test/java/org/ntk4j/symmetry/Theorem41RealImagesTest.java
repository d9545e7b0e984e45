package org.ntk4j.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The Theorem 4.1 table on three real images (shipped Fashion-MNIST, space-to-depth: 14×14
 * pixels, C = 4), 2 hidden layers: every cell agrees with the theorem (measured: invariant cells
 * ≤ 1e-13, broken ones ≥ 1e-2).
 */
class Theorem41RealImagesTest {
    @Test
    void everyCellAgreesOnRealImages() throws IOException {
        var x = ShippedImages.fashionMnist(100, 3).test().x();
        assertEquals(4, x.size(3));
        Theorem41Result result = Theorem41.defaults().samples(2).run(x);
        assertTrue(result.allAgree(), result::markdown);
    }
}

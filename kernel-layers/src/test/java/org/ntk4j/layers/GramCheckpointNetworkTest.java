package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.GramCheckpoint;
import org.ntk4j.core.GramProgress;
import org.ntk4j.core.Kernel;
import org.ntk4j.testkit.Seeded;

/** Checkpointed Gram builds of real networks: fingerprints, and resuming a pooled CNN bit-identically. */
class GramCheckpointNetworkTest {
    private static Layer cnn(double wStd) {
        return serial(conv(1, 3, 3).padding(SAME).wStd(wStd).bStd(0.1), relu(), conv(1, 3, 3).padding(SAME), erf(),
                globalAvgPool(), dense(1, 1.5, 0.05));
    }

    @TempDir
    Path dir;

    @Test
    void fingerprintIsTheSameForEqualNetworksAndDiffersWithAnyParameter() {
        assertEquals(cnn(1.5).fingerprint(), cnn(1.5).fingerprint());
        assertNotEquals(cnn(1.5).fingerprint(), cnn(1.25).fingerprint());
        assertNotEquals(serial(dense(1), relu()).fingerprint(), serial(dense(1), leakyRelu(0.1)).fingerprint());
        assertNotEquals(avgPool(2, 2).fingerprint(), avgPool(new int[] {2, 2}, null, SAME, true).fingerprint());
        assertEquals(64, cnn(1.5).fingerprint().length());
    }

    @Test
    void interruptedCnnBuildResumesBitIdentical() {
        INDArray x1 = Seeded.gaussian(1, 7, 4, 4, 2);
        INDArray x2 = Seeded.gaussian(2, 5, 4, 4, 2);
        Gram gram = Gram.of(cnn(1.5)).threads(2).tileSize(2);
        Kernel expected = gram.compute(x1, x2);

        AtomicBoolean fired = new AtomicBoolean();
        GramProgress interruptHalfway = (done, total, rate, eta) -> {
            if (done >= total / 2 && !fired.getAndSet(true)) {
                Thread.currentThread().interrupt();
            }
        };
        assertThrows(CancellationException.class,
                () -> gram.checkpoint(dir).progress(interruptHalfway).compute(x1, x2));
        Kernel resumed = gram.checkpoint(dir).compute(x1, x2);

        assertArrayEquals(expected.nngp().data().asDouble(), resumed.nngp().data().asDouble(), 0.0);
        assertArrayEquals(expected.ntk().data().asDouble(), resumed.ntk().data().asDouble(), 0.0);
    }

    @Test
    void checkpointOfAnotherNetworkIsRefused() {
        INDArray x = Seeded.gaussian(3, 4, 4, 4, 2);
        Gram.of(cnn(1.5)).tileSize(2).checkpoint(dir).compute(x);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gram.of(cnn(1.25)).tileSize(2).checkpoint(dir).compute(x));
        assertTrue(e.getMessage().contains("network (fingerprint): " + cnn(1.5).fingerprint()
                + " in the checkpoint, " + cnn(1.25).fingerprint() + " in this build"), e.getMessage());
    }

    @Test
    void checkpointOfAFinishedBuildAssemblesTheSameKernel() throws Exception {
        INDArray x = Seeded.gaussian(4, 5, 4, 4, 2);
        Kernel k = Gram.of(cnn(1.5)).nngpOnly().tileSize(2).checkpoint(dir).compute(x);
        Kernel assembled = GramCheckpoint.assemble(dir);
        assertArrayEquals(k.nngp().data().asDouble(), assembled.nngp().data().asDouble(), 0.0);
        assertNull(assembled.ntk());
    }
}

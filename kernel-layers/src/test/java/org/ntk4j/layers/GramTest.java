package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.ConsoleProgressBar;
import org.ntk4j.core.Gram;
import org.ntk4j.core.GramJob;
import org.ntk4j.core.Kernel;
import org.ntk4j.testkit.KernelAsserts;
import org.ntk4j.testkit.Seeded;

/** Behaviour of the Gram builder: shapes, progress, cancellation, arguments. */
class GramTest {
    private static final Layer SLOW_CNN = serial(conv(1, 3, 3).padding(SAME), relu(), conv(1, 3, 3).padding(SAME),
            relu(), conv(1, 3, 3).padding(SAME), relu(), globalAvgPool(), dense(1));

    @Test
    void progressCountsEveryEntryOnceAndEndsAtTheTotal() {
        INDArray x = Seeded.gaussian(1, 9, 3, 3, 2);
        List<long[]> updates = new ArrayList<>();
        long[] finished = new long[2];
        org.ntk4j.core.GramProgress listener = new org.ntk4j.core.GramProgress() {
            @Override
            public void update(long done, long total, double rate, double eta) {
                updates.add(new long[] {done, total});
            }

            @Override
            public void finished(long done, long total, double seconds) {
                finished[0] = done;
                finished[1] = total;
            }
        };
        Gram.of(SLOW_CNN).threads(2).tileSize(2).progress(listener).compute(x);
        long total = 9 + 9 * 8 / 2;
        assertEquals(total, finished[1]);
        assertEquals(total, finished[0]);
        long last = 0;
        for (long[] u : updates) {
            assertEquals(total, u[1]);
            assertTrue(u[0] > last, "progress must increase");
            last = u[0];
        }
        assertEquals(total, last);
    }

    @Test
    void crossGramCountsSelfPassesOfBothSets() {
        INDArray x1 = Seeded.gaussian(1, 4, 5), x2 = Seeded.gaussian(2, 3, 5);
        GramJob job = Gram.of(serial(dense(1), relu(), dense(1))).start(x1, x2);
        Kernel k = job.get();
        assertEquals(4 + 3 + 12, job.total());
        assertEquals(job.total(), job.done());
        assertEquals(List.of(4L, 3L), List.of(k.nngp().shape()[0], k.nngp().shape()[1]));
    }

    @Test
    @Timeout(60)
    void cancelStopsABuildPromptly() throws Exception {
        INDArray x = Seeded.gaussian(3, 200, 12, 12, 3);
        GramJob job = Gram.of(SLOW_CNN).threads(2).tileSize(4).start(x, x);
        while (job.done() < 5) {
            Thread.sleep(5);
        }
        job.cancel();
        assertThrows(CancellationException.class, job::get);
        assertTrue(job.isCancelled());
        long doneAtCancel = job.done();
        Thread.sleep(300);
        assertTrue(job.done() <= doneAtCancel + 2, "workers kept going after cancel: " + doneAtCancel + " -> " + job.done());
        assertTrue(job.done() < job.total());
    }

    @Test
    @Timeout(60)
    void interruptingTheWaitingThreadCancelsTheBuild() throws Exception {
        INDArray x = Seeded.gaussian(4, 200, 12, 12, 3);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                Gram.of(SLOW_CNN).threads(2).compute(x);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        Thread.sleep(500);
        caller.interrupt();
        caller.join(10_000);
        assertTrue(!caller.isAlive(), "compute() did not return after interrupt");
        assertTrue(thrown.get() instanceof CancellationException, "got " + thrown.get());
    }

    @Test
    void consoleProgressBarPrintsDecilesWhenNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Gram.of(SLOW_CNN).threads(1).tileSize(1).progress(new ConsoleProgressBar(ps, false, "test"))
                .compute(Seeded.gaussian(5, 6, 3, 3, 1));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("100%"), out);
        assertTrue(out.contains("21/21 entries"), out);
        assertTrue(out.lines().count() <= 12, out);
    }

    @Test
    void rejectsBadBuilderArguments() {
        assertThrows(IllegalArgumentException.class, () -> Gram.of(SLOW_CNN).threads(0));
        assertThrows(IllegalArgumentException.class, () -> Gram.of(SLOW_CNN).tileSize(0));
        assertThrows(IllegalArgumentException.class, () -> Gram.of(null));
    }

    @Test
    void outputWithSpatialDimsHasOneAxisPerPosition() {
        INDArray x = Seeded.gaussian(6, 3, 4, 5, 2);
        Kernel k = serial(conv(2, 3, 3).padding(SAME), relu(), conv(1, 2, 2)).kernel(x);
        assertEquals(List.of(3L, 3L, 3L, 4L), java.util.Arrays.stream(k.nngp().shape()).boxed().toList());
    }

    @Test
    void doubleArrayConvenienceMatchesNd4jInput() {
        double[][] rows = {{1, 2, 3}, {0.5, -1, 2}};
        org.ntk4j.core.InputShape shape = new org.ntk4j.core.InputShape(new int[0], 3);
        Layer net = serial(dense(1, 1.5, 0.1), relu(), dense(1));
        Kernel a = net.kernel(rows, rows, shape);
        Kernel b = net.kernel(org.ntk4j.core.Inputs.toNd4j(rows, shape));
        KernelAsserts.assertClose(b.ntk(), a.ntk(), 1e-15, "ntk");
    }
}

package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.cli.KernelCommandTest.Result;

/** {@code ntk4j theorem41} on a few small random images. */
class Theorem41CommandTest {
    @TempDir
    Path dir;

    @Test
    void randomInputsWriteTheReportAndExitZero() throws IOException {
        Path out = dir.resolve("report");
        Result r = KernelCommandTest.run("theorem41", "--input", "random", "--images", "3", "--depth", "2",
                "--samples", "1", "--seed", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| LAP |") && r.out().contains("Every cell agrees with Theorem 4.1."), r.out());
        assertTrue(r.err().contains("every cell agrees with Theorem 4.1"), r.err());
        for (String f : new String[] {"theorem41.md", "theorem41.csv", "theorem41.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(r.out(), Files.readString(out.resolve("theorem41.md")));
        assertEquals(36, Files.readAllLines(out.resolve("theorem41.csv")).size(), "header and 35 cells");
    }

    /**
     * On two Gaussian images with one hidden layer the LCN and VEC kernels are nearly O(Cd)-invariant
     * (5.5e-4, below the 1e-3 the table asks of a broken symmetry), so those cells disagree: exit 3.
     */
    @Test
    void aDisagreeingCellGivesExitCodeThree() {
        Result r = KernelCommandTest.run("theorem41", "--images", "2", "--depth", "1", "--samples", "1", "--seed",
                "3", "--out", dir.resolve("r").toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.out().contains("2 cell(s) DISAGREE with Theorem 4.1."), r.out());
        assertTrue(r.err().contains("LCN under O(Cd): 5.5e-04, predicted not invariant"), r.err());
    }

    @Test
    void outThatIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        KernelCommandTest.run("theorem41", "--out", file.toString())
                .assertUsageError("--out " + file + " exists and is not a directory");
    }
}

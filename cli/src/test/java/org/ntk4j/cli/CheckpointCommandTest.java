package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.cli.KernelCommandTest.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.cli.KernelCommandTest.Result;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.io.Npz;
import org.ntk4j.layers.spec.NetworkSpec;
import org.ntk4j.testkit.Seeded;

/** {@code ntk4j checkpoint status DIR} and {@code ntk4j checkpoint verify DIR}, and the kernel command over damaged tiles. */
class CheckpointCommandTest {
    @TempDir
    Path dir;

    private Path spec;
    private Path x;
    private Path ck;
    private String[] kernelArgs;

    @BeforeAll
    static void init() {
        Ntk4j.init();
    }

    @BeforeEach
    void buildCheckpoint() throws IOException {
        spec = Files.writeString(dir.resolve("net.json"), KernelCommandTest.CNN_GAP);
        x = Seeded.gaussianNpy(dir.resolve("x.npy"), new SplittableRandom(41), 5, 4, 4, 2);
        ck = dir.resolve("ck");
        kernelArgs = new String[] {"kernel", "--spec", spec.toString(), "--x1", x.toString(), "--tile-size", "2",
            "--quiet", "--checkpoint", ck.toString(), "--out"};
        Result first = run(KernelCommandTest.concat(kernelArgs, dir.resolve("k1.npz").toString()));
        assertEquals(0, first.code(), first.err());
    }

    private void flipByteOfTile01() throws IOException {
        Path tile = ck.resolve("ntk-00000-00001.npy");
        byte[] b = Files.readAllBytes(tile);
        b[b.length - 1] ^= 0x10;
        Files.write(tile, b);
    }

    @Test
    void statusOfACompleteCheckpoint() throws IOException {
        Result r = run("checkpoint", "status", ck.toString());

        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("checkpoint " + ck + " (format version 2)", lines.get(0));
        assertEquals("tiles:       6 of 6 done, 0 damaged", lines.get(1)); // 3 × 3 grid, upper triangle
        assertEquals("network:     " + NetworkSpec.read(spec).fingerprint() + " (SHA-256 fingerprint)", lines.get(2));
        assertEquals("precision:   float64", lines.get(3));
        assertEquals("inputs:      N1 = 5, N2 = 5 (symmetric, X2 = X1), input shape (4, 4, 2)", lines.get(4));
        assertTrue(lines.get(5).matches("X1 SHA-256:  [0-9a-f]{64}"), lines.get(5));
        assertEquals(lines.get(5).substring(12), lines.get(6).substring(12));
        assertEquals("tile size:   2", lines.get(7));
        assertEquals("kernels:     nngp, ntk", lines.get(8));
        assertEquals(9, lines.size(), r.out());
    }

    @Test
    void verifyOfACleanCheckpointExitsZero() {
        Result r = run("checkpoint", "verify", ck.toString());

        assertEquals(0, r.code(), r.err());
        assertEquals("checkpoint " + ck + ": 6 of 6 tiles intact, 0 damaged\n", r.out());
    }

    @Test
    void aFlippedByteIsFoundByVerifyAndStatusAndTheKernelCommandComputesTheTileAgain() throws IOException {
        flipByteOfTile01();

        Result verify = run("checkpoint", "verify", ck.toString());
        assertEquals(Main.CHECK_FAILED, verify.code(), verify.out() + verify.err());
        List<String> lines = verify.out().lines().toList();
        assertEquals(2, lines.size(), verify.out());
        assertTrue(lines.get(0).startsWith("damaged: tile (0, 1): ntk-00000-00001.npy does not match its CRC32C "
                + "checksum"), lines.get(0));
        assertEquals("checkpoint " + ck + ": 5 of 6 tiles intact, 1 damaged; run the kernel command again to "
                + "compute them anew", lines.get(1));
        Result status = run("checkpoint", "status", ck.toString());
        assertEquals(0, status.code());
        assertTrue(status.out().contains("tiles:       5 of 6 done, 1 damaged\n"), status.out());
        assertTrue(status.out().contains("damaged:     tile (0, 1): ntk-00000-00001.npy does not match"), status.out());

        PrintStream saved = System.err;
        ByteArrayOutputStream library = new ByteArrayOutputStream();
        Result resumed;
        System.setErr(new PrintStream(library, true, StandardCharsets.UTF_8));
        try {
            resumed = run(KernelCommandTest.concat(kernelArgs, dir.resolve("k2.npz").toString()));
        } finally {
            System.setErr(saved);
        }
        assertEquals(0, resumed.code(), resumed.err());
        String warnings = library.toString(StandardCharsets.UTF_8);
        assertEquals(1, warnings.lines().count(), warnings);
        assertTrue(warnings.startsWith("ntk4j: warning: checkpoint " + ck + ": tile (0, 1) is damaged (ntk-00000-00001"
                + ".npy does not match its CRC32C checksum"), warnings);
        Map<String, INDArray> first = Npz.read(dir.resolve("k1.npz")), second = Npz.read(dir.resolve("k2.npz"));
        assertArrayEquals(first.get("ntk").data().asDouble(), second.get("ntk").data().asDouble(), 0.0);
        assertArrayEquals(first.get("nngp").data().asDouble(), second.get("nngp").data().asDouble(), 0.0);
        assertEquals(0, run("checkpoint", "verify", ck.toString()).code(), "the tile was written anew");
    }

    @Test
    void aDamagedManifestIsExitCodeTwoForVerifyStatusAndKernel() throws IOException {
        Path manifest = ck.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"tileSize\" : 2", "\"tileSize\" : 3"));

        String expected = manifest + " is damaged: its content does not match its checksum";
        run("checkpoint", "verify", ck.toString()).assertUsageError(expected);
        run("checkpoint", "status", ck.toString()).assertUsageError(expected);
        run(KernelCommandTest.concat(kernelArgs, dir.resolve("k3.npz").toString())).assertUsageError(expected);

        Files.write(manifest, new byte[] {0, 1, 2, 3});
        run("checkpoint", "verify", ck.toString()).assertUsageError(manifest + " is not a Gram checkpoint manifest");
    }

    @Test
    void noFsyncWritesTheSameIntactTilesAndLeavesTheSystemPropertyAsItWas() throws IOException {
        Path ck2 = dir.resolve("ck2");
        Result r = run("kernel", "--spec", spec.toString(), "--x1", x.toString(), "--tile-size", "2", "--quiet",
                "--checkpoint", ck2.toString(), "--no-fsync", "--out", dir.resolve("k4.npz").toString());

        assertEquals(0, r.code(), r.err());
        assertEquals(null, System.getProperty(org.ntk4j.core.GramCheckpoint.FSYNC_PROPERTY));
        assertEquals("checkpoint " + ck2 + ": 6 of 6 tiles intact, 0 damaged\n",
                run("checkpoint", "verify", ck2.toString()).out());
        for (String tile : List.of("nngp-00001-00002.npy", "ntk-00001-00002.npy", "crc32c-00001-00002.txt")) {
            assertArrayEquals(Files.readAllBytes(ck.resolve(tile)), Files.readAllBytes(ck2.resolve(tile)), tile);
        }
        run("kernel", "--spec", spec.toString(), "--x1", x.toString(), "--no-fsync", "--out",
                dir.resolve("k5.npz").toString()).assertUsageError("--no-fsync applies only with --checkpoint DIR");
    }

    @Test
    void usageErrors() throws IOException {
        run("checkpoint", "verify", dir.resolve("nowhere").toString())
                .assertUsageError("checkpoint directory " + dir.resolve("nowhere") + " does not exist");
        run("checkpoint", "status", dir.toString()).assertUsageError(dir + " is not a Gram checkpoint: it has no "
                + "manifest.json");
        run("checkpoint").assertUsageError("checkpoint needs a subcommand: status DIR or verify DIR");
        run("checkpoint", "verify").assertUsageError("Missing required parameter: 'DIR'");
        run("checkpoint", "check", ck.toString()).assertUsageError("Unmatched argument");
    }
}

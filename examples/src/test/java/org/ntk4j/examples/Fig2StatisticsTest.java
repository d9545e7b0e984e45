package org.ntk4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.Precision;
import org.ntk4j.core.io.FashionMnist;
import org.ntk4j.symmetry.Architecture;
import org.ntk4j.symmetry.PaperNetworks;
import picocli.CommandLine;

/**
 * The statistics and invariance-aware builds of Fig. 2 on a tiny slice of the shipped data (one
 * hidden layer); no test asserts an accuracy that depends on the scale.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Fig2StatisticsTest {
    private static final List<Architecture> ARCHS = List.of(Architecture.FCN, Architecture.LCN, Architecture.GAP);
    private Fig2Data data;
    private Fig2Experiment experiment;
    private Fig2Result twoDraws;

    @BeforeAll
    void run() throws IOException {
        data = Fig2Data.prepare(FashionMnist.load(), 16, 12);
        experiment = new Fig2Experiment(PaperNetworks.paper().withDepth(1), ARCHS, Fig2Experiment.PAPER_TRANSFORMS,
                2, 1e-4, 0, false);
        twoDraws = experiment.withRepeats(2).run(data);
    }

    private static double maxRelative(INDArray a, INDArray b) {
        INDArray scale = org.nd4j.linalg.ops.transforms.Transforms.max(
                org.nd4j.linalg.ops.transforms.Transforms.abs(a, true),
                org.nd4j.linalg.ops.transforms.Transforms.abs(b, true), true);
        return a.sub(b).divi(scale).amaxNumber().doubleValue();
    }

    @Test
    void aReusedCellEqualsTheRecomputedOne() {
        for (Object[] cell : new Object[][] {{Architecture.FCN, "O(Cd)"}, {Architecture.LCN, "O(C)^d"},
                {Architecture.GAP, "O(C)xI_d"}}) {
            Architecture arch = (Architecture) cell[0];
            KernelFunction net = experiment.network(arch);
            Kernel[] base = experiment.kernels(net, data, null, arch, "identity");
            Kernel[] recomputed = experiment.kernels(net, experiment.transform(data, (String) cell[1], 1), null, arch,
                    (String) cell[1]);
            for (int k = 0; k < 2; k++) {
                assertTrue(maxRelative(base[k].ntk(), recomputed[k].ntk()) < 1e-10, arch + " " + cell[1]);
                assertTrue(maxRelative(base[k].nngp(), recomputed[k].nngp()) < 1e-10, arch + " " + cell[1]);
            }
        }
        // And the transform really moved the data, so the equality is not trivial.
        assertTrue(experiment.transform(data, "O(C)xI_d", 1).xTrain().sub(data.xTrain()).norm2Number().doubleValue()
                > 1);
    }

    @Test
    void reuseAndRecomputationGiveTheSameTable() {
        Fig2Result recomputed = experiment.withReuse(false).run(data);
        Fig2Result reused = experiment.run(data);
        for (Architecture a : ARCHS) {
            for (String t : Fig2Experiment.PAPER_TRANSFORMS) {
                assertEquals(recomputed.accuracy(a, t), reused.accuracy(a, t), 0, a + " " + t);
                assertFalse(recomputed.reused(a, t));
            }
        }
        assertTrue(reused.reused(Architecture.GAP, "O(C)xI_d") && reused.reused(Architecture.FCN, "P(Cd)")
                && !reused.reused(Architecture.GAP, "O(C)^d") && !reused.reused(Architecture.LCN, "identity"));
    }

    @Test
    void theSpotCheckPassesOnTheTruthAndFailsOnAPerturbedCell() {
        KernelFunction net = experiment.network(Architecture.LCN);
        Kernel[] base = experiment.kernels(net, data, null, Architecture.LCN, "identity");
        Fig2Data rotated = experiment.transform(data, "O(C)^d", 0);
        double worst = InvarianceSpotCheck.check("LCN", net, base[0], base[1], rotated, 4, new SplittableRandom(1),
                1e-10);
        assertTrue(worst < 1e-10, "worst " + worst);
        // One part in 1e8 on every entry: far below any accuracy effect, far above round-off.
        Kernel perturbed = new Kernel(base[1].nngp(), base[1].ntk().mul(1 + 1e-8));
        var e = assertThrows(IllegalStateException.class, () -> InvarianceSpotCheck.check("LCN under O(C)^d", net,
                base[0], perturbed, rotated, 4, new SplittableRandom(1), 1e-10));
        assertTrue(e.getMessage().contains("spot check failed for LCN under O(C)^d"), e.getMessage());
        // A kernel of the wrong data (a transform the network is not invariant to) fails as well.
        assertThrows(IllegalStateException.class, () -> InvarianceSpotCheck.check("LCN under P(Cd)", net, base[0],
                base[1], experiment.transform(data, "P(Cd)", 0), 4, new SplittableRandom(1), 1e-10));
    }

    @Test
    void drawsAndSeedsGiveDifferentGroupElements() {
        INDArray first = experiment.transform(data, "O(Cd)", 0).xTrain();
        INDArray second = experiment.transform(data, "O(Cd)", 1).xTrain();
        assertTrue(first.sub(second).norm2Number().doubleValue() > 1);
        Fig2Experiment otherSeed = new Fig2Experiment(PaperNetworks.paper().withDepth(1), ARCHS,
                Fig2Experiment.PAPER_TRANSFORMS, 2, 1e-4, 1, false);
        assertTrue(otherSeed.transform(data, "O(Cd)", 0).xTrain().sub(first).norm2Number().doubleValue() > 1);
        // Draw 0 is the single-draw element of earlier versions: seed ^ hash.
        assertEquals(0 ^ "P(Cd)".hashCode(), Fig2Experiment.drawSeed(0, "P(Cd)", 0));
    }

    @Test
    void repeatedDrawsGiveOneAccuracyPerDrawAndPairedComparisons() {
        assertEquals(2, twoDraws.draws(Architecture.GAP, "P(Cd)").length);
        double[] id = twoDraws.draws(Architecture.LCN, "identity");
        assertEquals(id[0], id[1], 0);
        assertEquals(0, twoDraws.sd(Architecture.LCN, "identity"), 0);
        // The mean is the mean of the draws, and the interval contains it.
        double[] d = twoDraws.draws(Architecture.GAP, "O(Cd)");
        assertEquals((d[0] + d[1]) / 2, twoDraws.accuracy(Architecture.GAP, "O(Cd)"), 1e-15);
        double[] ci = twoDraws.interval(Architecture.GAP, "O(Cd)");
        assertTrue(ci[0] <= twoDraws.accuracy(Architecture.GAP, "O(Cd)")
                && twoDraws.accuracy(Architecture.GAP, "O(Cd)") <= ci[1]);
        // Comparisons: each non-invariant transform against identity per architecture (LCN 2, GAP 3), and
        // the 3 architecture pairs on each of the 5 columns; claims only where the paper makes one.
        List<Fig2Result.Comparison> c = twoDraws.comparisons();
        assertEquals(2 + 3 + 3 * 5, c.size());
        assertEquals(2 + 3 + 3, c.stream().filter(Fig2Result.Comparison::claim).count());
        for (Fig2Result.Comparison x : c) {
            double delta = twoDraws.accuracy(x.archA(), x.transformA()) - twoDraws.accuracy(x.archB(), x.transformB());
            assertEquals(delta, x.delta(), 1e-12, x.label());
            assertEquals(delta * data.testSize(), x.onlyA() - x.onlyB(), 1e-9, x.label());
            assertTrue(x.p() > 0 && x.p() <= 1, x.label());
        }
    }

    @Test
    void outputsCarryIntervalsPValuesAndClaims(@TempDir Path dir) throws IOException {
        List<Path> files = twoDraws.write(dir);
        List<String> csv = Files.readAllLines(files.get(0));
        assertTrue(csv.get(0).startsWith("architecture,transform,accuracy,ci_low,ci_high,sd,draws,reused"), csv.get(0));
        assertEquals(1 + ARCHS.size() * 5, csv.size());
        String md = Files.readString(files.get(1));
        assertTrue(md.contains("| comparison | Δ accuracy |") && md.contains("Claims of the paper"), md);
        assertEquals(1 + twoDraws.comparisons().size(), Files.readAllLines(files.get(3)).size());
        assertTrue(twoDraws.claims().contains("resolved"));
    }

    @Test
    void theDefaultOptionsParseToTheDefaultProfile() {
        Fig2 fig2 = new Fig2(System.out);
        new CommandLine(fig2).setCaseInsensitiveEnumValuesAllowed(true).parseArgs();
        Fig2Experiment e = fig2.experiment();
        assertEquals(Fig2.Profile.DEFAULT, fig2.profile);
        assertEquals(1, e.repeats());
        assertEquals(Precision.FLOAT32, e.pooledPrecision());
        assertTrue(e.reuse());
        assertNull(e.checkpoint());
        assertEquals(List.of(Architecture.values()), e.architectures());
        Fig2 paper = new Fig2(System.out);
        new CommandLine(paper).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--profile", "paper", "--out", "o");
        assertEquals(5, paper.experiment().repeats());
        assertEquals(Path.of("o", "checkpoints"), paper.experiment().checkpoint());
    }

    @Test
    void aTinyRunCompletesAndResumesFromItsCheckpoints(@TempDir Path dir) {
        String[] args = {"--train", "12", "--test", "8", "--pooled-train", "8", "--pooled-test", "6", "--pooled-block",
            "4", "--depth", "1", "--arch", "FCN,LCN,GAP", "--repeats", "2", "--threads", "1", "--checkpoint",
            dir.resolve("cp").toString(), "--out", dir.resolve("out").toString()};
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        assertEquals(0, Fig2.run(args, new PrintStream(first, true, StandardCharsets.UTF_8)));
        String text = first.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("GAP: 7×7×16, 8 train / 6 test, float32") && text.contains("Claims of the paper"),
                text);
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve("fig2-comparisons.csv")));
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        assertEquals(0, Fig2.run(args, new PrintStream(second, true, StandardCharsets.UTF_8)));
        String table1 = text.substring(text.indexOf("arch "), text.indexOf("cells:"));
        String again = second.toString(StandardCharsets.UTF_8);
        assertEquals(table1.replaceAll("\\s+\\d+\\.\\d\\n", "\n"),
                again.substring(again.indexOf("arch "), again.indexOf("cells:")).replaceAll("\\s+\\d+\\.\\d\\n", "\n"));
    }

    @Test
    void badRepeatsAndPrecisionExitWithTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, Fig2.run(new String[] {"--repeats", "0"}, new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(2, Fig2.run(new String[] {"--precision", "half"},
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(2, Fig2.run(new String[] {"--block", "3"}, new PrintStream(err, true, StandardCharsets.UTF_8)));
    }
}

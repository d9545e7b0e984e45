package org.ntk4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.cli.KernelCommandTest.Result;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.io.Npy;
import org.ntk4j.core.io.Npz;
import org.ntk4j.core.predict.Gaussian;
import org.ntk4j.core.predict.KernelPredictor;
import org.ntk4j.core.predict.Regime;
import org.ntk4j.layers.spec.NetworkSpec;
import org.ntk4j.testkit.Seeded;

/** End-to-end runs of {@code ntk4j predict} on a tiny FCN problem, against {@link KernelPredictor}. */
class PredictCommandTest {
    static final String FCN = """
            {"layers": [{"type": "Dense", "out_dim": 512, "W_std": 1.5, "b_std": 0.1}, {"type": "Relu"},
                        {"type": "Dense", "out_dim": 1, "W_std": 1.5, "b_std": 0.1}]}
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void init() {
        Ntk4j.init();
    }

    private Path npy(String name, long seed, long... shape) throws IOException {
        return Seeded.gaussianNpy(dir.resolve(name), new Random(seed), shape);
    }

    private Path spec() throws IOException {
        return Files.writeString(dir.resolve("fcn.json"), FCN);
    }

    @Test
    void ntkAtInfinityWithCovarianceMatchesKernelPredictor() throws IOException {
        Path spec = spec();
        Path xTrain = npy("xtr.npy", 1, 6, 4);
        Path yTrain = npy("ytr.npy", 2, 6, 2);
        Path xTest = npy("xte.npy", 3, 3, 4);
        Path out = dir.resolve("pred.npz");

        Result r = KernelCommandTest.run("predict", "--spec", spec.toString(), "--train-x", xTrain.toString(),
                "--train-y", yTrain.toString(), "--test-x", xTest.toString(), "--diag-reg", "1e-3", "--cov",
                "--threads", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("ntk4j predict: ntk, t = inf, 6 training and 3 test points, 2 output(s), "
                + "with covariance in "), r.err());
        assertTrue(r.err().contains("entries in "), "progress bar: " + r.err());

        Map<String, INDArray> npz = Npz.read(out);
        assertEquals(List.of("mean", "cov"), List.copyOf(npz.keySet()));
        Gaussian expected = KernelPredictor.of(Gram.of(NetworkSpec.read(spec)).threads(1)).diagReg(1e-3)
                .predict(Regime.NTK, Double.POSITIVE_INFINITY, true, Npy.read(xTrain), Npy.read(yTrain),
                        Npy.read(xTest));
        assertArrayEquals(new long[] {3, 2}, npz.get("mean").shape());
        assertArrayEquals(new long[] {3, 3}, npz.get("cov").shape());
        KernelCommandTest.assertEqualToRoundOff(expected.mean(), npz.get("mean"));
        KernelCommandTest.assertEqualToRoundOff(expected.covariance(), npz.get("cov"));
    }

    @Test
    void nngpAtFiniteTimeWithOneDimensionalTargets() throws IOException {
        Path spec = spec();
        Path xTrain = npy("xtr.npy", 4, 5, 3);
        Path yTrain = npy("ytr.npy", 5, 5);
        Path xTest = npy("xte.npy", 6, 2, 3);
        Path out = dir.resolve("pred.npz");

        Result r = KernelCommandTest.run("predict", "--spec", spec.toString(), "--train-x", xTrain.toString(),
                "--train-y", yTrain.toString(), "--test-x", xTest.toString(), "--kernel", "nngp", "--t", "7.5",
                "--lr", "0.5", "-q", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "--quiet prints nothing on success");

        Map<String, INDArray> npz = Npz.read(out);
        assertEquals(List.of("mean"), List.copyOf(npz.keySet()));
        Gaussian expected = KernelPredictor.of(Gram.of(NetworkSpec.read(spec))).learningRate(0.5)
                .predict(Regime.NNGP, 7.5, false, Npy.read(xTrain), Npy.read(yTrain), Npy.read(xTest));
        assertArrayEquals(new long[] {2, 1}, npz.get("mean").shape(), "(N) targets give a (N_test, 1) mean");
        KernelCommandTest.assertEqualToRoundOff(expected.mean(), npz.get("mean"));
    }

    // ---- bad input: exit code 2 and one line on stderr ----

    private Result predict(Path yTrain, Path xTrain, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("predict", "--spec", spec().toString(), "--train-x",
                xTrain.toString(), "--train-y", yTrain.toString(), "--test-x", npy("xte.npy", 9, 2, 3).toString(),
                "--out", dir.resolve("bad.npz").toString(), "-q"));
        args.addAll(List.of(extra));
        return KernelCommandTest.run(args.toArray(String[]::new));
    }

    private Result predict(String... extra) throws IOException {
        return predict(npy("y.npy", 8, 4, 1), npy("x.npy", 7, 4, 3), extra);
    }

    @Test
    void labelCountDiffersFromTrainingRows() throws IOException {
        predict(npy("y.npy", 8, 3, 1), npy("x.npy", 7, 4, 3))
                .assertUsageError("has 3 rows of targets but --train-x");
    }

    @Test
    void negativeTime() throws IOException {
        predict("--t", "-1").assertUsageError("--t must be >= 0 or 'inf', got -1");
    }

    @Test
    void badTime() throws IOException {
        predict("--t", "soon").assertUsageError("--t 'soon' is not a number");
    }

    @Test
    void unknownKernel() throws IOException {
        predict("--kernel", "rbf").assertUsageError("--kernel 'rbf' is not a kernel: expected ntk or nngp");
    }

    @Test
    void singularGramWithoutRegularisationSuggestsDiagReg() throws IOException {
        double[] x = {1, 2, 3, 1, 2, 3, 0, 1, 0}; // rows 0 and 1 coincide
        Path xTrain = dir.resolve("dup.npy");
        Npy.write(xTrain, x, 3, 3);
        Result r = predict(npy("y.npy", 8, 3, 1), xTrain);
        r.assertUsageError("singular");
        assertTrue(r.err().contains("--diag-reg"), r.err());
        assertTrue(r.err().contains("remove duplicate training points (rows 0 = 1 are identical)"), r.err());
        assertEquals(0, predict(npy("y.npy", 8, 3, 1), xTrain, "--diag-reg", "1e-6").code(),
                "fine with --diag-reg");
    }
}

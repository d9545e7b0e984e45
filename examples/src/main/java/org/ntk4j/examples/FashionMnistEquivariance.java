package org.ntk4j.examples;

import static org.ntk4j.layers.Layers.CIRCULAR;
import static org.ntk4j.layers.Layers.conv;
import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.flatten;
import static org.ntk4j.layers.Layers.globalAvgPool;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Gram;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.io.FashionMnist;
import org.ntk4j.core.io.TrainTest;
import org.ntk4j.core.predict.Regime;
import org.ntk4j.layers.Layer;
import org.ntk4j.symmetry.GroupElement;
import org.ntk4j.symmetry.ensemble.AugmentedData;
import org.ntk4j.symmetry.ensemble.ImageRotation;
import org.ntk4j.symmetry.ensemble.LabelAction;
import org.ntk4j.symmetry.ensemble.OrbitPrediction;
import org.ntk4j.symmetry.ensemble.OrbitPredictor;
import org.ntk4j.symmetry.ensemble.OrbitStatistics;

/**
 * Seed 001's Fashion-MNIST experiment at infinite width: NTK ensembles (FCN and CNN-GAP with
 * CIRCULAR padding, ReLU, σ_w² = 2, σ_b = 0.1) trained on images augmented by C_k, k = 4, 8, 16
 * (rotations by 360°/k; k = 4 exact lattice rotations, k = 8, 16 by bilinear interpolation, which
 * is only approximately a permutation, so equivariance is only approximate there), or not
 * augmented. Measures the orbit-same predictions (fraction of the C_k orbit whose predicted class
 * equals the unrotated input's) on test images and on uniform noise images, over training time.
 * Images are average-pooled from 28×28 to {@code --side} (default 7, to keep the CNN-GAP kernel
 * cheap) and scaled to [0, 1]; labels one-hot − 0.1; diagReg 1e-4 (it commutes with Π);
 * times in seed 001 units (η = y_train.size).
 *
 * <p>Run: {@code java ... org.ntk4j.examples.FashionMnistEquivariance [--side 7] [--train 40]
 * [--test 20] [--out results/fmnist]}.
 */
public final class FashionMnistEquivariance {
    private static final double[] TIMES = {0.1, 1, 10, 100, Double.POSITIVE_INFINITY};

    private FashionMnistEquivariance() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(EnsemblePlot.flag(args, "out", "results/fmnist"));
        int side = Integer.parseInt(EnsemblePlot.flag(args, "side", "7"));
        int nTrain = Integer.parseInt(EnsemblePlot.flag(args, "train", "40"));
        int nTest = Integer.parseInt(EnsemblePlot.flag(args, "test", "20"));
        int[] ks = EnsemblePlot.ints(args, "k", "4,8,16");
        long t0 = System.nanoTime();
        TrainTest data = FashionMnist.load();
        INDArray xTrain = pool(data.train().x(), nTrain, side);
        INDArray yTrain = oneHot(data.train().labels(), nTrain);
        INDArray images = pool(data.test().x(), nTest, side);
        double[] noise = new double[nTest * side * side];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rng.nextDouble();
        }
        INDArray xTest = Nd4j.concat(0, images, Nd4j.create(noise, new long[] {nTest, side, side, 1}, 'c'));
        InputShape shape = new InputShape(new int[] {side, side}, 1);
        Layer fcn = serial(flatten(), dense(512, Math.sqrt(2), 0.1), relu(), dense(512, Math.sqrt(2), 0.1), relu(),
                dense(10, Math.sqrt(2), 0.1));
        Layer cnnGap = serial(conv(64, 3, 3).padding(CIRCULAR).wStd(Math.sqrt(2)).bStd(0.1), relu(),
                conv(64, 3, 3).padding(CIRCULAR).wStd(Math.sqrt(2)).bStd(0.1), relu(), globalAvgPool(),
                dense(10, Math.sqrt(2), 0.1));
        List<String> rows = new ArrayList<>();
        for (String name : new String[] {"FCN", "CNN-GAP"}) {
            Gram gram = Gram.of("FCN".equals(name) ? fcn : cnnGap).threads(2);
            EnsemblePlot plot = new EnsemblePlot("Fashion-MNIST " + side + "x" + side + ", " + name
                    + " NTK ensemble: orbit-same predictions", "training time t (seed 001 units)",
                    "fraction of orbit with the same class", true, false);
            for (int ki = 0; ki < ks.length; ki++) {
                int k = ks[ki];
                List<GroupElement> ck = ImageRotation.cyclic(k, shape);
                AugmentedData aug = k == 4 ? AugmentedData.of(xTrain, yTrain, ck, LabelAction.invariant())
                        : AugmentedData.approximate(xTrain, yTrain, ck, LabelAction.invariant());
                for (boolean augmented : new boolean[] {true, false}) {
                    INDArray x = augmented ? aug.x() : xTrain;
                    INDArray y = augmented ? aug.y() : yTrain;
                    OrbitPrediction p = OrbitPredictor.of(gram, Regime.NTK, x, y).learningRate(y.length()).diagReg(1e-4)
                            .on(xTest, ck, LabelAction.invariant(), false);
                    for (int set = 0; set < 2; set++) {
                        double[] frac = new double[TIMES.length];
                        for (int i = 0; i < TIMES.length; i++) {
                            int[] same = p.orbitSame(TIMES[i]);
                            double f = 0;
                            for (int j = set * nTest; j < (set + 1) * nTest; j++) {
                                f += same[j] / (double) k / nTest;
                            }
                            frac[i] = f;
                            String setName = set == 0 ? "test images" : "noise";
                            double dev = p.meanDeviation(TIMES[i]);
                            rows.add(String.join(",", name, Integer.toString(k), k == 4 ? "exact" : "approximate",
                                    Boolean.toString(augmented), setName, EnsemblePlot.num(TIMES[i]),
                                    EnsemblePlot.num(f), EnsemblePlot.num(dev)));
                            System.out.printf("%-7s C%-2d %-11s augmented=%-5s %-11s t=%-6s orbit-same %.3f "
                                    + "(mean equivariance deviation %.2e)%n", name, k, k == 4 ? "exact" : "approximate",
                                    augmented, setName, EnsemblePlot.num(TIMES[i]), f, dev);
                        }
                        // Colour by group and test set (C4 blue/cyan, C8 red/orange, C16 green/olive), dashed
                        // without augmentation, circles for test images and squares for noise.
                        int colour = new int[][] {{0, 9}, {3, 1}, {2, 8}, {4, 6}, {5, 7}}[ki % 5][set];
                        plot.add("C" + k + (augmented ? " aug" : " no aug") + (set == 0 ? ", test" : ", noise"),
                                finiteTimes(), java.util.Arrays.copyOf(frac, TIMES.length - 1), !augmented, colour,
                                set == 0 ? EnsemblePlot.Marker.CIRCLE : EnsemblePlot.Marker.SQUARE);
                    }
                }
                System.out.printf("  (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
            }
            plot.write(out.resolve("fmnist_orbit_same_" + name.toLowerCase().replace("-", "") + ".png"));
        }
        EnsemblePlot.csv(out.resolve("fmnist_orbit_same.csv"), "kernel,k,rotation,augmented,test_set,t,"
                + "orbit_same_fraction,mean_equivariance_deviation", rows);
        System.out.printf("wrote %s (%.1f s)%n", out.toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
    }

    private static double[] finiteTimes() {
        return java.util.Arrays.copyOf(TIMES, TIMES.length - 1);
    }

    /** The first n images, average-pooled from 28×28 to side×side (side dividing 28), scaled to [0, 1]: (n, side, side, 1). */
    static INDArray pool(INDArray images, int n, int side) {
        int full = (int) images.size(1);
        if (full % side != 0) {
            throw new IllegalArgumentException("--side must divide " + full + ", got " + side);
        }
        int f = full / side;
        double[] src = images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)).dup('c').castTo(
                org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        double[] dst = new double[n * side * side];
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < full; i++) {
                for (int j = 0; j < full; j++) {
                    dst[(e * side + i / f) * side + j / f] += src[(e * full + i) * full + j] / (255.0 * f * f);
                }
            }
        }
        return Nd4j.create(dst, new long[] {n, side, side, 1}, 'c');
    }

    /** One-hot − 0.1 of the first n labels, (n, 10). */
    static INDArray oneHot(INDArray labels, int n) {
        double[] y = new double[n * 10];
        for (int e = 0; e < n; e++) {
            for (int c = 0; c < 10; c++) {
                y[e * 10 + c] = (c == labels.getInt(e) ? 1.0 : 0.0) - 0.1;
            }
        }
        return Nd4j.create(y, new long[] {n, 10}, 'c');
    }
}

package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import java.io.IOException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.io.FashionMnist;
import org.ntk4j.core.io.TrainTest;
import org.ntk4j.core.predict.Classification;
import org.ntk4j.core.predict.Prediction;
import org.ntk4j.core.predict.Predictor;
import org.ntk4j.core.predict.Regime;
import org.ntk4j.core.preprocess.ChannelStandardizer;

/**
 * End to end on the shipped Fashion-MNIST subset (2,000 / 1,000): a ReLU FCN's NTK regression at
 * t = ∞, printing timings and test accuracy. Opt-in: {@code -Dntk4j.heavy=true}.
 */
@EnabledIfSystemProperty(named = "ntk4j.heavy", matches = "true")
class FashionMnistPredictionTest {

    @Test
    void fcnNtkRegressionClassifiesTheShippedSubset() throws IOException {
        long t0 = System.nanoTime();
        TrainTest data = FashionMnist.load();
        ChannelStandardizer s = ChannelStandardizer.fit(data.train().x());
        INDArray xTrain = s.apply(data.train().x()).reshape(data.train().size(), 784);
        INDArray xTest = s.apply(data.test().x()).reshape(data.test().size(), 784);
        INDArray yTrain = Classification.oneHot(data.train().labels(), 10);
        long t1 = System.nanoTime();
        KernelFunction net = serial(dense(512, Math.sqrt(2), 0.1), relu(), dense(512, Math.sqrt(2), 0.1), relu(),
                dense(1, Math.sqrt(2), 0.1));
        Gram gram = Gram.of(net).threads(2);
        Kernel trainTrain = gram.compute(xTrain);
        Kernel testTrain = gram.compute(xTest, xTrain);
        long t2 = System.nanoTime();
        Prediction p = Predictor.of(trainTrain, yTrain).diagReg(1e-4).on(Regime.NTK, testTrain);
        long t3 = System.nanoTime();
        double accuracy = Classification.accuracy(p.mean(Double.POSITIVE_INFINITY), data.test().labels());
        double early = Classification.accuracy(p.mean(1e3), data.test().labels());
        long t4 = System.nanoTime();
        System.out.printf(Locale.ROOT, "load+standardise %.2f s, NTK Grams (2 threads) %.2f s, eigendecomposition"
                + "+projection %.2f s, two means %.3f s; NTK t=inf accuracy %.3f, t=1e3 accuracy %.3f%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, accuracy, early);
        assertTrue(accuracy > 0.7, "accuracy " + accuracy);
    }
}

package org.ntk4j.examples;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ntk4j.core.io.LabelledData;
import org.ntk4j.core.io.TrainTest;
import org.ntk4j.core.predict.Classification;
import org.ntk4j.core.preprocess.ChannelStandardizer;
import org.ntk4j.core.preprocess.SpaceToDepth;

/**
 * The preprocessed data of the Fig. 2 reproduction: the first {@code train} and {@code test}
 * images, standardised per channel with the training statistics, then space-to-depth with 2×2
 * blocks, so that Fashion-MNIST's (28, 28, 1) images become (14, 14, 4): C = 4 channels per pixel,
 * which makes O(C)^d and O(C)⊗I_d act differently (with C = 1 both would be sign flips).
 *
 * @param xTrain training inputs (N, 14, 14, 4)
 * @param yTrain one-hot training targets (N, 10)
 * @param xTest test inputs (M, 14, 14, 4)
 * @param testLabels test class indices (M)
 */
public record Fig2Data(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray testLabels) {
    /** Number of classes of Fashion-MNIST. */
    public static final int CLASSES = 10;
    /** Side of the space-to-depth blocks. */
    public static final int BLOCK = 2;

    /**
     * Takes the first {@code train} / {@code test} examples of {@code data} and preprocesses them.
     *
     * @throws IllegalArgumentException if the data set holds fewer examples than asked for
     */
    public static Fig2Data prepare(TrainTest data, int train, int test) {
        return prepare(data, train, test, BLOCK);
    }

    /**
     * As {@link #prepare(TrainTest, int, int)} with {@code block × block} space-to-depth blocks:
     * 2 gives (14, 14, 4), 4 gives the coarser (7, 7, 16) on which pooled networks cost 16× less
     * per kernel entry (their cost grows with the square of the number of positions).
     *
     * @throws IllegalArgumentException if the data set holds fewer examples than asked for, or
     *                                  {@code block} does not divide the image side
     */
    public static Fig2Data prepare(TrainTest data, int train, int test, int block) {
        LabelledData tr = data.train().first(train);
        LabelledData te = data.test().first(test);
        ChannelStandardizer s = ChannelStandardizer.fit(tr.x());
        return new Fig2Data(SpaceToDepth.apply(s.apply(tr.x()), block), Classification.oneHot(tr.labels(), CLASSES),
                SpaceToDepth.apply(s.apply(te.x()), block), te.labels());
    }

    /** The first {@code train} training and {@code test} test examples (no new standardisation). */
    public Fig2Data first(int train, int test) {
        if (train < 1 || train > trainSize() || test < 1 || test > testSize()) {
            throw new IllegalArgumentException("cannot take " + train + " train / " + test + " test of "
                    + trainSize() + " / " + testSize());
        }
        return new Fig2Data(xTrain.get(NDArrayIndex.interval(0, train)).dup(),
                yTrain.get(NDArrayIndex.interval(0, train)).dup(), xTest.get(NDArrayIndex.interval(0, test)).dup(),
                testLabels.get(NDArrayIndex.interval(0, test)).dup());
    }

    /** The shape of one input, e.g. {@code 14×14×4}. */
    public String geometry() {
        long[] s = xTrain.shape();
        return s[1] + "×" + s[2] + "×" + s[3];
    }

    /** The same labels with the inputs mapped by {@code transform} (train and test alike). */
    public Fig2Data map(UnaryOperator<INDArray> transform) {
        return new Fig2Data(transform.apply(xTrain), yTrain, transform.apply(xTest), testLabels);
    }

    /** Number of training points N. */
    public int trainSize() {
        return Math.toIntExact(xTrain.size(0));
    }

    /** Number of test points M. */
    public int testSize() {
        return Math.toIntExact(xTest.size(0));
    }
}

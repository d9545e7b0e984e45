package org.ntk4j.examples;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
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
        LabelledData tr = data.train().first(train);
        LabelledData te = data.test().first(test);
        ChannelStandardizer s = ChannelStandardizer.fit(tr.x());
        return new Fig2Data(SpaceToDepth.apply(s.apply(tr.x()), BLOCK), Classification.oneHot(tr.labels(), CLASSES),
                SpaceToDepth.apply(s.apply(te.x()), BLOCK), te.labels());
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

package org.ntk4j.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ntk4j.core.predict.PredictorBadInputTest.assertMessage;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

class ClassificationTest {
    static {
        Ntk4j.init();
    }

    private final INDArray mean = Nd4j.create(new double[][] {{0.9, 0.1, 0.0}, {0.2, 0.3, 0.5}, {0.4, 0.6, 0.1},
            {0.5, 0.5, 0.0}});

    @Test
    void accuracyFromIntegerLabelsCountsArgmaxHits() {
        assertEquals(0.75, Classification.accuracy(mean, Nd4j.createFromArray(0.0, 2.0, 0.0, 0.0)), 0);
    }

    @Test
    void accuracyFromOneHotLabelsEqualsAccuracyFromTheirIndices() {
        INDArray labels = Nd4j.createFromArray(0.0, 2.0, 0.0, 0.0);
        assertEquals(Classification.accuracy(mean, labels),
                Classification.accuracy(mean, Classification.oneHot(labels, 3)), 0);
        assertEquals(0.75, Classification.accuracy(mean, labels.reshape(4, 1)), 0);
    }

    @Test
    void tiesGoToTheFirstMaximum() {
        assertArrayEquals(new int[] {0, 2, 1, 0}, Classification.argmaxRows(mean.toDoubleMatrix()));
    }

    @Test
    void mseAveragesOverAllEntries() {
        INDArray targets = Nd4j.zeros(4, 3);
        double sumSq = mean.mul(mean).sumNumber().doubleValue();
        assertEquals(sumSq / 12, Classification.mse(mean, targets), 1e-15);
    }

    @Test
    void oneHotPutsAOneAtTheLabel() {
        INDArray h = Classification.oneHot(Nd4j.createFromArray(2.0, 0.0), 3);
        assertEquals(Nd4j.create(new double[][] {{0, 0, 1}, {1, 0, 0}}), h);
    }

    @Test
    void badLabelsAreRejected() {
        assertMessage(() -> Classification.oneHot(Nd4j.createFromArray(1.0, 3.0), 3), "label 1 is 3.0",
                "[0, 3)");
        assertMessage(() -> Classification.oneHot(Nd4j.createFromArray(0.5), 3), "integer");
        assertMessage(() -> Classification.accuracy(mean, Nd4j.createFromArray(0.0, 1.0)), "must have 4 rows");
        assertMessage(() -> Classification.mse(mean, Nd4j.zeros(4, 2)), "same shape");
    }
}

package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Kernel;
import org.ntk4j.layers.spec.NetworkSpec;
import org.ntk4j.testkit.Seeded;

/** Bad input gets an IllegalArgumentException naming the layer and the expected and actual shapes. */
class BadInputTest {
    private static final Layer CNN = serial(conv(1, 3, 3).padding(SAME), relu(), globalAvgPool(), dense(1));

    private static void assertMessage(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
        }
    }

    @Test
    void mismatchedChannelsBetweenX1AndX2() {
        assertMessage(() -> CNN.kernel(Seeded.gaussian(1, 2, 5, 5, 3), Seeded.gaussian(2, 2, 5, 5, 2)),
                "x1 and x2", "x1 (N, H, W, C) = (2, 5, 5, 3)", "x2 (N, H, W, C) = (2, 5, 5, 2)");
    }

    @Test
    void mismatchedSpatialShapesBetweenX1AndX2() {
        assertMessage(() -> CNN.kernel(Seeded.gaussian(1, 2, 5, 5, 3), Seeded.gaussian(2, 2, 5, 4, 3)),
                "x1 and x2", "x1 (N, H, W, C) = (2, 5, 5, 3)", "x2 (N, H, W, C) = (2, 5, 4, 3)");
    }

    @Test
    void filterLargerThanTheInputWithValidPadding() {
        Layer net = serial(conv(1, 5, 5), relu(), flatten(), dense(1));
        assertMessage(() -> net.kernel(Seeded.gaussian(1, 2, 4, 4, 1)), "Conv(", "at layer 0", "[5, 5]",
                "[4, 4]", "VALID");
    }

    @Test
    void convOnVectorInputs() {
        assertMessage(() -> CNN.kernel(Seeded.gaussian(1, 2, 7)), "Conv(", "needs inputs with 2 spatial dim",
                "(N, 7)");
    }

    @Test
    void convFilterRankDiffersFromTheInput() {
        Layer net = serial(conv(1, 3), relu(), globalAvgPool(), dense(1));
        assertMessage(() -> net.kernel(Seeded.gaussian(1, 2, 5, 5, 3)), "filter_shape [3]", "1 spatial dim",
                "(N, 5, 5, 3)");
    }

    @Test
    void nonlinearityRightAfterFlatten() {
        Layer net = serial(conv(1, 3, 3), flatten(), relu(), dense(1));
        assertMessage(() -> net.kernel(Seeded.gaussian(1, 2, 5, 5, 3)), "Relu() at layer 2", "Flatten",
                "not Gaussian");
    }

    @Test
    void nonlinearityOnTheRawInput() {
        assertMessage(() -> serial(relu(), dense(1)).kernel(Seeded.gaussian(1, 2, 5)), "Relu() at layer 0",
                "must be Gaussian", "the input");
    }

    @Test
    void averagePoolingAfterFlatten() {
        Layer net = serial(conv(1, 3, 3), flatten(), avgPool(2, 2), dense(1));
        assertMessage(() -> net.kernel(Seeded.gaussian(1, 2, 5, 5, 3)), "AvgPool(", "at layer 2",
                "(N, 9)", "Flatten");
    }

    @Test
    void globalPoolingAfterFlatten() {
        Layer net = serial(conv(1, 3, 3), flatten(), globalAvgPool(), dense(1));
        assertMessage(() -> net.kernel(Seeded.gaussian(1, 2, 5, 5, 3)), "GlobalAvgPool() at layer 2",
                "(N, 9)", "after Flatten");
    }

    @Test
    void nanInput() {
        INDArray x = Seeded.gaussian(1, 3, 4);
        x.putScalar(1, 2, Double.NaN);
        assertMessage(() -> serial(dense(1), relu()).kernel(x), "x1", "non-finite", "NaN", "input 1");
    }

    @Test
    void infiniteInput() {
        INDArray x1 = Seeded.gaussian(1, 3, 4);
        INDArray x2 = Seeded.gaussian(2, 2, 4);
        x2.putScalar(0, 0, Double.NEGATIVE_INFINITY);
        assertMessage(() -> serial(dense(1), relu()).kernel(x1, x2), "x2", "non-finite", "Infinity");
    }

    @Test
    void emptyBatch() {
        INDArray empty = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 0, 4);
        assertMessage(() -> dense(1).kernel(empty), "empty batch", "[0, 4]");
    }

    @Test
    void unknownLayerTypeInSpec() {
        assertMessage(() -> NetworkSpec.parse("{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1}, {\"type\": \"Relu6\"}]}"),
                "layers[1]", "unknown layer type 'Relu6'");
    }

    @Test
    void missingKeyInSpec() {
        assertMessage(() -> NetworkSpec.parse("{\"layers\": [{\"type\": \"Conv\", \"out_chan\": 1}]}"), "layers[0]",
                "Conv", "missing key 'filter_shape'");
    }

    @Test
    void misspelledKeyInSpec() {
        assertMessage(() -> NetworkSpec.parse("{\"layers\": [{\"type\": \"Dense\", \"out_dim\": 1, \"Wstd\": 2}]}"),
                "layers[0]", "unknown key 'Wstd'");
    }

    @Test
    void specThatIsNotJson() {
        assertMessage(() -> NetworkSpec.parse("{\"layers\": [}"), "not valid JSON");
    }

    @Test
    void negativeStandardDeviation() {
        assertMessage(() -> dense(1, -1.0), "W_std", "-1.0");
    }

    @Test
    void parallelWithoutFanOut() {
        Layer net = serial(dense(1), parallel(relu(), relu()), fanInSum());
        assertMessage(() -> net.kernel(Seeded.gaussian(1, 2, 3)), "parallel(", "2 branches", "1 inputs", "fanOut(2)");
    }

    @Test
    void networkEndingInSeveralBranches() {
        assertMessage(() -> serial(dense(1), fanOut(2)).kernel(Seeded.gaussian(1, 2, 3)), "ends in 2 branches");
    }

    @Test
    void fanInSumOfNonGaussianBranches() {
        Layer net = serial(dense(1), fanOut(2), parallel(relu(), identity()), fanInSum());
        assertMessage(() -> net.kernel(Seeded.gaussian(1, 2, 3)), "FanInSum()", "Gaussian");
    }

    @Test
    void zeroInputVectorGivesNoNaN() {
        INDArray x = Seeded.gaussian(3, 3, 6);
        x.getRow(1).assign(0.0);
        for (Layer net : new Layer[] {serial(dense(1, 1.5), relu(), dense(1, 1.5), relu(), dense(1)),
                serial(dense(1, 1.5), erf(), dense(1), abs(), dense(1)),
                serial(dense(1, 1.5), leakyRelu(0.2), dense(1))}) {
            Kernel k = net.kernel(x);
            assertFalse(k.nngp().isNaN().any() || k.nngp().isInfinite().any(), net + " nngp " + k.nngp());
            assertFalse(k.ntk().isNaN().any() || k.ntk().isInfinite().any(), net + " ntk " + k.ntk());
        }
    }

    @Test
    void zeroImageGivesNoNaN() {
        INDArray x = Seeded.gaussian(4, 3, 4, 4, 2);
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(2)).assign(0.0);
        Kernel k = CNN.kernel(x);
        assertFalse(k.nngp().isNaN().any() || k.ntk().isNaN().any());
    }
}

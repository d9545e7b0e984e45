package org.ntk4j.symmetry;

import java.io.IOException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ntk4j.core.io.FashionMnist;
import org.ntk4j.core.io.LabelledData;
import org.ntk4j.core.io.TrainTest;
import org.ntk4j.core.preprocess.ChannelStandardizer;
import org.ntk4j.core.preprocess.SpaceToDepth;

/**
 * Real images with several channels for the symmetry experiments: Fashion-MNIST as found by
 * {@link FashionMnist#load()} (the subset shipped in {@code examples/data} unless the full set is
 * installed), each 2×2 block of pixels turned into one pixel of 4 channels
 * ({@link SpaceToDepth}, (N, 28, 28, 1) → (N, 14, 14, 4), so C = 4 and d = 196), then standardised
 * per channel with the training subset's mean and standard deviation ({@link ChannelStandardizer}).
 * Neighbouring pixels of such images are strongly correlated, unlike i.i.d. Gaussian inputs.
 */
public final class ShippedImages {
    /** Space-to-depth block size. */
    public static final int BLOCK = 2;

    private ShippedImages() {
    }

    /**
     * The first {@code nTrain} training and first {@code nTest} test images, (N, 14, 14, 4), with
     * their labels; both standardised with the statistics of the {@code nTrain} training images.
     *
     * @throws IOException when no Fashion-MNIST data are found
     * @throws IllegalArgumentException unless 1 ≤ nTrain ≤ train size and 1 ≤ nTest ≤ test size
     */
    public static TrainTest fashionMnist(int nTrain, int nTest) throws IOException {
        TrainTest all = FashionMnist.load();
        LabelledData train = all.train().first(nTrain);
        LabelledData test = all.test().first(nTest);
        var trainX = SpaceToDepth.apply(train.x(), BLOCK);
        ChannelStandardizer standardizer = ChannelStandardizer.fit(trainX);
        return new TrainTest(new LabelledData(standardizer.apply(trainX), train.labels()),
                new LabelledData(standardizer.apply(SpaceToDepth.apply(test.x(), BLOCK)), test.labels()));
    }

    /**
     * The central {@code side × side} pixels of every image of {@code x} (N, H, W, C), a copy; e.g.
     * side 4 of a (14, 14, 4) space-to-depth image is the centre 8×8 of the original 28×28.
     *
     * @throws IllegalArgumentException unless x is (N, H, W, C) with 1 ≤ side ≤ min(H, W)
     */
    public static INDArray centerCrop(INDArray x, int side) {
        if (x.rank() != 4 || side < 1 || side > Math.min(x.size(1), x.size(2))) {
            throw new IllegalArgumentException("centre crop of side " + side + " needs images (N, H, W, C) at least that "
                    + "large, got " + java.util.Arrays.toString(x.shape()));
        }
        long top = (x.size(1) - side) / 2;
        long left = (x.size(2) - side) / 2;
        return x.get(NDArrayIndex.all(), NDArrayIndex.interval(top, top + side),
                NDArrayIndex.interval(left, left + side), NDArrayIndex.all()).dup();
    }
}

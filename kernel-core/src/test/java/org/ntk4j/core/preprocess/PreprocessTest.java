package org.ntk4j.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

class PreprocessTest {
    static {
        Ntk4j.init();
    }

    /** Seeded values {@code scale_c·g + offset_c} per channel c, with Gaussian g. */
    private static INDArray images(long seed, int n, int h, int w, double[] scale, double[] offset) {
        Random rnd = new Random(seed);
        int c = scale.length;
        double[] d = new double[n * h * w * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = scale[i % c] * rnd.nextGaussian() + offset[i % c];
        }
        return Nd4j.create(d, new long[] {n, h, w, c}, 'c');
    }

    @Test
    void standardizedTrainingChannelsHaveMeanZeroAndStdOne() {
        INDArray train = images(1, 20, 4, 4, new double[] {3, 0.5, 10}, new double[] {-2, 7, 100});
        INDArray z = ChannelStandardizer.fit(train).apply(train);
        for (int c = 0; c < 3; c++) {
            INDArray channel = z.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(c));
            assertEquals(0.0, channel.meanNumber().doubleValue(), 1e-12);
            assertEquals(1.0, channel.stdNumber(false).doubleValue() /* population */, 1e-12);
        }
    }

    @Test
    void testDataUseTheTrainingStatistics() {
        INDArray train = Nd4j.create(new double[] {0, 10, 2, 30}, new long[] {2, 1, 1, 2}, 'c');
        ChannelStandardizer s = ChannelStandardizer.fit(train);
        assertArrayEquals(new double[] {1, 20}, s.mean(), 0);
        assertArrayEquals(new double[] {1, 10}, s.std(), 0);
        INDArray test = Nd4j.create(new double[] {4, 0}, new long[] {1, 1, 1, 2}, 'c');
        assertArrayEquals(new double[] {3, -2}, s.apply(test).data().asDouble(), 1e-15);
    }

    @Test
    void constantChannelIsOnlyCentred() {
        INDArray train = Nd4j.create(new double[] {5, 1, 5, 3}, new long[] {2, 2}, 'c');
        assertArrayEquals(new double[] {0, -1, 0, 1}, ChannelStandardizer.fit(train).apply(train).data().asDouble(),
                1e-15);
    }

    @Test
    void zcaWhitenedTrainingCovarianceIsTheIdentity() {
        INDArray train = correlated(400, 6);
        INDArray cov = covariance(ZcaWhitening.fit(train, 0).apply(train));
        assertTrue(cov.equalsWithEps(Nd4j.eye(6), 1e-9), cov.toString());
    }

    @Test
    void zcaIsSymmetricAndRegularizationShrinksTheVariance() {
        INDArray train = correlated(400, 6);
        INDArray cov = covariance(ZcaWhitening.fit(train, 0.5).apply(train));
        for (int i = 0; i < 6; i++) {
            double v = cov.getDouble(i, i);
            assertTrue(v > 0 && v < 1, "variance " + v);
        }
        assertTrue(cov.equalsWithEps(cov.transpose(), 1e-12));
    }

    @Test
    void zcaOnImagesKeepsTheShapeAndRejectsSingularCovarianceWithoutRegularization() {
        INDArray few = images(2, 3, 2, 2, new double[] {1}, new double[] {0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZcaWhitening.fit(few, 0));
        assertTrue(e.getMessage().contains("singular") && e.getMessage().contains("regularization > 0"), e.getMessage());
        assertArrayEquals(new long[] {3, 2, 2, 1}, ZcaWhitening.fit(few, 0.1).apply(few).shape());
        e = assertThrows(IllegalArgumentException.class,
                () -> ZcaWhitening.fit(few, 0.1).apply(Nd4j.zeros(1, 4, 1, 1)));
        assertTrue(e.getMessage().contains("fitted on examples of shape [2, 2, 1]"), e.getMessage());
    }

    @Test
    void spaceToDepthMapsEachBlockToChannelsInTensorFlowOrder() {
        int b = 2, n = 2, h = 4, w = 6, c = 3;
        INDArray x = images(3, n, h, w, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        INDArray y = SpaceToDepth.apply(x, b);
        assertArrayEquals(new long[] {n, h / b, w / b, b * b * c}, y.shape());
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < h / b; i++) {
                for (int j = 0; j < w / b; j++) {
                    for (int di = 0; di < b; di++) {
                        for (int dj = 0; dj < b; dj++) {
                            for (int ch = 0; ch < c; ch++) {
                                assertEquals(x.getDouble(s, i * b + di, j * b + dj, ch),
                                        y.getDouble(s, i, j, (di * b + dj) * c + ch), 0);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void spaceToDepthTurnsFashionMnistIntoFourteenByFourteenByFour() {
        INDArray x = Nd4j.create(new double[2 * 28 * 28], new long[] {2, 28, 28, 1}, 'c');
        x.putScalar(new long[] {1, 3, 4, 0}, 7.0);
        INDArray y = SpaceToDepth.apply(x, 2);
        assertArrayEquals(new long[] {2, 14, 14, 4}, y.shape());
        assertEquals(7.0, y.getDouble(1, 1, 2, 2)); // (3, 4) = block (1, 2), offset (1, 0) → channel 2
        assertEquals(7.0, y.sumNumber().doubleValue());
    }

    @Test
    void spaceToDepthRejectsSidesThatAreNotMultiplesOfTheBlock() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpaceToDepth.apply(Nd4j.zeros(1, 5, 4, 1), 2));
        assertTrue(e.getMessage().contains("multiples of 2") && e.getMessage().contains("[1, 5, 4, 1]"), e.getMessage());
    }

    /** Population covariance of the rows of {@code x} (N, D). */
    private static INDArray covariance(INDArray x) {
        INDArray centred = x.subRowVector(x.mean(0));
        return centred.transpose().mmul(centred).div(x.size(0));
    }

    /** n samples of a D-dim Gaussian with a random non-diagonal covariance. */
    private static INDArray correlated(int n, int d) {
        Random rnd = new Random(4);
        double[][] mix = new double[d][d];
        for (double[] row : mix) {
            for (int j = 0; j < d; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        double[][] x = new double[n][d];
        for (double[] row : x) {
            double[] g = new double[d];
            for (int j = 0; j < d; j++) {
                g[j] = rnd.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    row[i] += mix[i][j] * g[j];
                }
                row[i] += 3;
            }
        }
        return Nd4j.create(x);
    }
}

package org.ntk4j.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Kernel;

class PredictorTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private final ToyKernels toy = new ToyKernels(6, 4, 3, 42);
    private final Predictor predictor = Predictor.of(toy.trainTrain(), toy.y);

    @ParameterizedTest
    @EnumSource(Regime.class)
    void timeZeroGivesThePrior(Regime regime) {
        Gaussian g = predictor.gaussian(regime, 0.0, toy.testTrain(), toy.nngpTestTest());
        assertClose(Nd4j.zeros(toy.m, toy.k), g.mean(), 0);
        assertClose(toy.nngpTestTest(), g.covariance(), 0);
    }

    @Test
    void infiniteTimeNngpMeanIsTheGpPosteriorMean() {
        DMatrixRMaj kdd = Matrices.toEjml(toy.trainTrain().nngp(), "kdd");
        DMatrixRMaj kInvY = new DMatrixRMaj(toy.n, toy.k);
        assertTrue(CommonOps_DDRM.solve(kdd, Matrices.toEjml(toy.y, "y"), kInvY));
        DMatrixRMaj expected = new DMatrixRMaj(toy.m, toy.k);
        CommonOps_DDRM.mult(Matrices.toEjml(toy.testTrain().nngp(), "ktd"), kInvY, expected);
        assertClose(Matrices.toNd4j(expected), predictor.mean(Regime.NNGP, INF, toy.testTrain()), 1e-12);
    }

    @Test
    void diagRegAddsLambdaTimesMeanDiagonalBeforeSolving() {
        double lambda = 0.3;
        DMatrixRMaj kdd = Matrices.toEjml(toy.trainTrain().nngp(), "kdd");
        double add = lambda * CommonOps_DDRM.trace(kdd) / toy.n;
        for (int i = 0; i < toy.n; i++) {
            kdd.add(i, i, add);
        }
        DMatrixRMaj kInvY = new DMatrixRMaj(toy.n, toy.k);
        assertTrue(CommonOps_DDRM.solve(kdd, Matrices.toEjml(toy.y, "y"), kInvY));
        DMatrixRMaj expected = new DMatrixRMaj(toy.m, toy.k);
        CommonOps_DDRM.mult(Matrices.toEjml(toy.testTrain().nngp(), "ktd"), kInvY, expected);
        assertClose(Matrices.toNd4j(expected), predictor.diagReg(lambda).mean(Regime.NNGP, INF, toy.testTrain()),
                1e-12);
    }

    @ParameterizedTest
    @EnumSource(Regime.class)
    void trainingPointsAreFittedWithZeroVarianceAtInfiniteTime(Regime regime) {
        Gaussian g = predictor.gaussian(regime, INF, toy.trainTrain(), toy.trainTrain().nngp());
        assertClose(toy.y, g.mean(), 1e-10);
        assertClose(Nd4j.zeros(toy.n, toy.n), g.covariance(), 1e-10);
    }

    @ParameterizedTest
    @EnumSource(Regime.class)
    void finiteTimeMeanAndCovarianceMatchIntegratedGradientFlow(Regime regime) {
        double eta = 0.7;
        Predictor p = predictor.learningRate(eta);
        double t = 5.0;
        GradientFlow flow = new GradientFlow(toy.joint(regime), toy.n, eta / (toy.n * toy.k));
        double[][] mean = flow.mean(toy.y.toDoubleMatrix(), t);
        double[][] cov = flow.covariance(toy.nngp, t);
        Gaussian g = p.gaussian(regime, t, toy.testTrain(), toy.nngpTestTest());
        assertClose(ToyKernels.block(mean, toy.n, toy.n + toy.m, 0, toy.k), g.mean(), 1e-9);
        assertClose(ToyKernels.block(cov, toy.n, toy.n + toy.m, toy.n, toy.n + toy.m), g.covariance(), 1e-9);
    }

    @Test
    void finiteTimeMeanMovesTowardsTheInfiniteTimeMean() {
        Prediction p = predictor.on(Regime.NTK, toy.testTrain());
        INDArray end = p.mean(INF);
        double previous = Double.POSITIVE_INFINITY;
        for (double t : new double[] {0, 10, 100, 1_000, 10_000, 1e6}) {
            double distance = p.mean(t).sub(end).norm2Number().doubleValue();
            assertTrue(distance <= previous + 1e-12, "distance grew at t=" + t);
            previous = distance;
        }
        assertTrue(previous < 1e-8);
    }

    @Test
    void learningRateRescalesTime() {
        INDArray slow = predictor.mean(Regime.NTK, 6.0, toy.testTrain());
        INDArray fast = predictor.learningRate(3.0).mean(Regime.NTK, 2.0, toy.testTrain());
        assertClose(slow, fast, 1e-13);
        assertEquals(3.0 / (toy.n * toy.k), predictor.learningRate(3.0).timeScale(), 0);
    }

    @ParameterizedTest
    @EnumSource(Regime.class)
    void covariancesAreSymmetricPositiveSemidefinite(Regime regime) {
        Prediction p = predictor.on(regime, toy.testTrain(), toy.nngpTestTest());
        for (double t : new double[] {0, 0.1, 1, 10, 100, INF}) {
            DMatrixRMaj cov = Matrices.toEjml(p.covariance(t), "cov");
            DMatrixRMaj transposed = CommonOps_DDRM.transpose(cov, null);
            assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(cov, transposed, 0), "symmetric at t=" + t);
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(toy.m, false, true);
            assertTrue(eig.decompose(cov));
            for (int i = 0; i < toy.m; i++) {
                assertTrue(eig.getEigenvalue(i).getReal() > -1e-12, "eigenvalue " + eig.getEigenvalue(i) + " at t=" + t);
            }
        }
    }

    @Test
    void oneDecompositionServesAllTimesAndTestSets() {
        GramSpectrum first = predictor.spectrum(Regime.NTK);
        predictor.mean(Regime.NTK, 1.0, toy.testTrain());
        predictor.on(Regime.NTK, toy.trainTrain()).mean(INF);
        predictor.gaussian(Regime.NTK, 7.0, toy.testTrain(), toy.nngpTestTest());
        assertSame(first, predictor.spectrum(Regime.NTK));
    }

    @Test
    void oneOutputLabelsMayBeAVector() {
        INDArray column = toy.y.getColumn(0).dup();
        INDArray asVector = Predictor.of(toy.trainTrain(), column.reshape(toy.n)).mean(Regime.NNGP, 2, toy.testTrain());
        INDArray asColumn = Predictor.of(toy.trainTrain(), column.reshape(toy.n, 1)).mean(Regime.NNGP, 2,
                toy.testTrain());
        assertClose(asColumn, asVector, 0);
    }

    @Test
    void nngpOnlyPredictorServesTheNngpRegime() {
        Predictor nngpOnly = Predictor.of(new Kernel(toy.trainTrain().nngp(), null), toy.y);
        assertClose(predictor.mean(Regime.NNGP, 3, toy.testTrain()),
                nngpOnly.mean(Regime.NNGP, 3, new Kernel(toy.testTrain().nngp(), null)), 0);
    }

    static void assertClose(INDArray expected, INDArray actual, double tol) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), "shape");
        double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= tol * scale, "max difference " + diff + " > " + tol * scale + "\nexpected " + expected
                + "\nactual " + actual);
    }
}

package org.ntk4j.core.predict;

import static org.ntk4j.core.predict.PredictorTest.assertClose;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.io.Npz;
import org.ntk4j.testkit.TestFixtures;

/**
 * Against {@code predict/nt_gd_mse_ensemble.npz}: neural-tangents'
 * {@code gradient_descent_mse_ensemble} einsums (finite t) and {@code gp_inference} (t = None)
 * transcribed in numpy by {@code generate_nt.py} beside it, with η = 0.7 and diag_reg = 0.01.
 */
class PredictorNeuralTangentsTest {

    @ParameterizedTest
    @EnumSource(Regime.class)
    void meanAndCovarianceMatchNeuralTangentsAtFiniteAndInfiniteTime(Regime regime) throws Exception {
        Ntk4j.init();
        Map<String, INDArray> z = Npz.read(TestFixtures.resource("/predict/nt_gd_mse_ensemble.npz"));
        String g = regime.label();
        Predictor p = Predictor.of(new Kernel(z.get("k_dd_nngp"), z.get("k_dd_ntk")), z.get("y"))
                .learningRate(z.get("learning_rate").getDouble(0))
                .diagReg(z.get("diag_reg").getDouble(0));
        Prediction prediction = p.on(regime, new Kernel(z.get("k_td_nngp"), z.get("k_td_ntk")), z.get("k_tt_nngp"));
        double[] ts = z.get("ts").toDoubleVector();
        for (int i = 0; i < ts.length; i++) {
            Gaussian got = prediction.gaussian(ts[i]);
            assertClose(slice(z.get("mean_" + g), i), got.mean(), 1e-12);
            assertClose(slice(z.get("cov_" + g), i), got.covariance(), 1e-12);
        }
        Gaussian end = prediction.gaussian(Double.POSITIVE_INFINITY);
        assertClose(z.get("mean_inf_" + g), end.mean(), 1e-12);
        assertClose(z.get("cov_inf_" + g), end.covariance(), 1e-12);
    }

    private static INDArray slice(INDArray a, int i) {
        return a.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all()).dup();
    }
}

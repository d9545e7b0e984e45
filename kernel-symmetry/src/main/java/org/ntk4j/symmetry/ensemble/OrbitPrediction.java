package org.ntk4j.symmetry.ensemble;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ntk4j.core.predict.Prediction;
import org.ntk4j.symmetry.GroupElement;

/**
 * An infinite ensemble's prediction on the orbits {@code ρ_X(g_a)x_m} of M test inputs under |G|
 * elements (made by {@link OrbitPredictor#on}); rows are group major, {@code a·M + m}. Seed 001's
 * theorem: after training on augmented data, {@code μ_t(ρ_X(g)x) = ρ_Y(g)μ_t(x)} and
 * {@code Σ_t(ρ_X(g)x, ρ_X(g)x') = Σ_t(x, x')} at every t and for every x.
 */
public final class OrbitPrediction {
    private final Prediction prediction;
    private final List<GroupElement> elements;
    private final LabelAction labelAction;
    private final int m;

    OrbitPrediction(Prediction prediction, List<GroupElement> elements, LabelAction labelAction, int m) {
        this.prediction = prediction;
        this.elements = List.copyOf(elements);
        this.labelAction = labelAction;
        this.m = m;
    }

    /** The number of test inputs M. */
    public int testSize() {
        return m;
    }

    /** The number of group elements |G|. */
    public int orbitSize() {
        return elements.size();
    }

    /** The prediction on all |G|·M orbit points (group major). */
    public Prediction prediction() {
        return prediction;
    }

    /** {@code μ_t(ρ_X(g_a)x)} for all test inputs, (M, k). */
    public INDArray mean(double t, int a) {
        return block(prediction.mean(t), a);
    }

    /** {@code μ_t(ρ_X(g_a)x_m)[output]}, {@code [a][m]}. */
    public double[][] orbitValues(double t, int output) {
        INDArray mean = prediction.mean(t);
        double[][] v = new double[elements.size()][m];
        for (int a = 0; a < v.length; a++) {
            for (int j = 0; j < m; j++) {
                v[a][j] = mean.getDouble((long) a * m + j, output);
            }
        }
        return v;
    }

    /**
     * The mean's equivariance deviation: the maximum over times, elements g and test inputs of
     * {@code max|μ_t(ρ_X(g)x) − ρ_Y(g)μ_t(x)|}, relative to {@code max|μ_t|} over the orbits at
     * that t (0 where μ_t is identically 0, as at t = 0).
     */
    public double meanDeviation(double... times) {
        double worst = 0;
        for (double t : times) {
            INDArray mean = prediction.mean(t);
            double scale = mean.amaxNumber().doubleValue();
            INDArray base = block(mean, 0);
            for (int a = 0; a < elements.size(); a++) {
                double d = block(mean, a).sub(labelAction.apply(elements.get(a), base)).amaxNumber().doubleValue();
                worst = Math.max(worst, d == 0 ? 0 : d / scale);
            }
        }
        return worst;
    }

    /**
     * The covariance's deviation: the maximum over times and elements g of
     * {@code max|Σ_t(ρ_X(g)x, ρ_X(g)x') − Σ_t(x, x')|} over test pairs, relative to
     * {@code max|Σ_t(x, x')|}. (Σ_t is shared by all outputs, so ρ_Y acts on it trivially.)
     *
     * @throws IllegalStateException when the prediction was made without the covariance
     */
    public double covarianceDeviation(double... times) {
        double worst = 0;
        for (double t : times) {
            INDArray cov = prediction.covariance(t);
            INDArray base = square(cov, 0);
            double scale = base.amaxNumber().doubleValue();
            for (int a = 1; a < elements.size(); a++) {
                double d = square(cov, a).sub(base).amaxNumber().doubleValue();
                worst = Math.max(worst, d == 0 ? 0 : d / scale);
            }
        }
        return worst;
    }

    /** Per test input, {@link OrbitStatistics#relativeStd} of output {@code output} of μ_t over the orbit. */
    public double[] relativeOrbitStd(double t, int output) {
        return OrbitStatistics.relativeStd(orbitValues(t, output));
    }

    /** Per test input, {@link OrbitStatistics#orbitSame} of the classes argmax μ_t over the orbit (1 … |G|). */
    public int[] orbitSame(double t) {
        INDArray mean = prediction.mean(t);
        int k = (int) mean.size(1);
        double[][][] scores = new double[elements.size()][m][k];
        for (int a = 0; a < scores.length; a++) {
            for (int j = 0; j < m; j++) {
                for (int c = 0; c < k; c++) {
                    scores[a][j][c] = mean.getDouble((long) a * m + j, c);
                }
            }
        }
        return OrbitStatistics.orbitSame(scores);
    }

    private INDArray block(INDArray rows, int a) {
        return rows.get(NDArrayIndex.interval((long) a * m, (long) (a + 1) * m), NDArrayIndex.all());
    }

    private INDArray square(INDArray cov, int a) {
        return cov.get(NDArrayIndex.interval((long) a * m, (long) (a + 1) * m),
                NDArrayIndex.interval((long) a * m, (long) (a + 1) * m));
    }

    @Override
    public String toString() {
        return "OrbitPrediction[" + m + " test inputs × " + elements.size() + " elements, " + prediction.regime().label()
                + ", labels " + labelAction.label() + "]";
    }
}

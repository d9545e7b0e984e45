package org.ntk4j.symmetry.ensemble;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.predict.Predictor;
import org.ntk4j.core.predict.Regime;
import org.ntk4j.symmetry.GroupElement;

/**
 * The infinite ensemble's predictions (NT's gradient-flow mean μ_t and covariance Σ_t, see
 * {@link Predictor}) on whole group orbits of test inputs, for checking equivariance: the
 * train-train Gram is computed once; {@link #on} computes the test-train (and, for the
 * covariance, test-test NNGP) Grams of {@code ρ_X(g)x} for every element g and test input x.
 *
 * <pre>{@code
 * AugmentedData aug = AugmentedData.of(x, y, Groups.c4(), LabelAction.perSite());
 * OrbitPrediction p = OrbitPredictor.of(Gram.of(net), Regime.NTK, aug.x(), aug.y())
 *         .learningRate(1).on(xTest, aug.elements(), aug.labelAction(), true);
 * double dev = p.meanDeviation(0, 1, 10, Double.POSITIVE_INFINITY);   // ≈ 1e-15
 * }</pre>
 *
 * The training set need not be augmented (to see equivariance fail without augmentation).
 * Immutable.
 */
public final class OrbitPredictor {
    private final Gram gram;
    private final Regime regime;
    private final INDArray xTrain;
    private final Predictor predictor;

    private OrbitPredictor(Gram gram, Regime regime, INDArray xTrain, Predictor predictor) {
        this.gram = gram;
        this.regime = regime;
        this.xTrain = xTrain;
        this.predictor = predictor;
    }

    /**
     * Computes the train-train Gram of {@code xTrain} (NNGP and, for {@link Regime#NTK}, NTK)
     * with {@code gram}; η = 1, diagReg = 0.
     *
     * @throws IllegalArgumentException for an NTK regime with an NNGP-only Gram, or bad shapes
     */
    public static OrbitPredictor of(Gram gram, Regime regime, INDArray xTrain, INDArray yTrain) {
        if (gram == null || regime == null || xTrain == null || yTrain == null) {
            throw new IllegalArgumentException("gram, regime, xTrain and yTrain must not be null");
        }
        if (regime == Regime.NTK && !gram.computesNtk()) {
            throw new IllegalArgumentException("NTK predictions need the NTK, but the Gram builder is NNGP-only");
        }
        Gram g = regime == Regime.NTK ? gram : gram.nngpOnly();
        INDArray y = yTrain.rank() == 1 ? yTrain.reshape(yTrain.length(), 1) : yTrain;
        return new OrbitPredictor(g, regime, xTrain, Predictor.of(g.compute(xTrain), y));
    }

    /** As {@link #of(Gram, Regime, INDArray, INDArray)} with {@code Gram.of(function)}. */
    public static OrbitPredictor of(KernelFunction function, Regime regime, INDArray xTrain, INDArray yTrain) {
        return of(Gram.of(function), regime, xTrain, yTrain);
    }

    /** The learning rate η of the gradient flow; a new predictor sharing the train-train Gram. */
    public OrbitPredictor learningRate(double eta) {
        return new OrbitPredictor(gram, regime, xTrain, predictor.learningRate(eta));
    }

    /** Relative diagonal regularisation (NT's diag_reg); a new predictor sharing the train-train Gram. */
    public OrbitPredictor diagReg(double lambda) {
        return new OrbitPredictor(gram, regime, xTrain, predictor.diagReg(lambda));
    }

    /** The underlying predictor (train-train Gram, labels, η, diagReg). */
    public Predictor predictor() {
        return predictor;
    }

    /**
     * Predictions on the orbits {@code ρ_X(g)x} of the test inputs {@code xTest} (M, ...) under
     * {@code elements} (the identity first), with labels transformed by {@code labelAction}.
     *
     * @param covariance whether to compute the test-test NNGP for {@link OrbitPrediction#covarianceDeviation}
     */
    public OrbitPrediction on(INDArray xTest, List<GroupElement> elements, LabelAction labelAction,
            boolean covariance) {
        if (xTest == null || elements == null || elements.isEmpty() || labelAction == null) {
            throw new IllegalArgumentException("xTest, a non-empty list of group elements and the label action are "
                    + "needed");
        }
        Inputs.commonShape(xTrain, xTest);
        List<INDArray> orbit = new ArrayList<>();
        for (GroupElement g : elements) {
            orbit.add(g.apply(xTest));
        }
        INDArray all = Nd4j.concat(0, orbit.toArray(INDArray[]::new));
        Kernel testTrain = gram.compute(all, xTrain);
        INDArray testTest = covariance ? gram.nngpOnly().compute(all).nngp() : null;
        return new OrbitPrediction(predictor.on(regime, testTrain, testTest), elements, labelAction,
                (int) xTest.size(0));
    }

    @Override
    public String toString() {
        return "OrbitPredictor[" + regime.label() + ", " + predictor + "]";
    }
}

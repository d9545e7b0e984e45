package org.ntk4j.symmetry;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.predict.Predictor;
import org.ntk4j.core.predict.Regime;

/**
 * The S-Dist curve along a rotation path (Xiao &amp; Pennington, Appendix E, eqs. S15 and S17):
 * for each t the system {@code (τ_t D, M, I)} — training <em>and</em> test inputs transformed by
 * {@code τ_t = exp(−tA)} ({@link RotationPath}) — is trained by infinite-width kernel inference,
 * and its test predictions {@code A^{τ_t}(τ_t x)} are compared with those of the untransformed
 * system by {@link SDist}. A kernel invariant under SO(C)^d (VEC_∞, LCN_∞, FCN_∞) gives 0 at every
 * t up to round-off; GAP_∞ (only O(C)⊗I_d-invariant) grows from 0 at t = 0.
 *
 * <p>Inference: {@link Predictor} in the chosen {@link Regime} at training time {@code time}
 * (default NTK, t = ∞, i.e. kernel regression) with relative diagonal regularisation
 * {@code diagReg} (default 1e-4). Immutable; the withers return modified copies.
 */
public final class SDistPath {
    private final RotationPath path;
    private final Regime regime;
    private final double time;
    private final double diagReg;
    private final int threads;

    private SDistPath(RotationPath path, Regime regime, double time, double diagReg, int threads) {
        if (path == null || regime == null) {
            throw new IllegalArgumentException("path and regime must not be null");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.path = path;
        this.regime = regime;
        this.time = time;
        this.diagReg = diagReg;
        this.threads = threads;
    }

    /** Along {@code path}: NTK regime, t = ∞, diagReg 1e-4, all cores. */
    public static SDistPath along(RotationPath path) {
        return new SDistPath(path, Regime.NTK, Double.POSITIVE_INFINITY, 1e-4,
                Runtime.getRuntime().availableProcessors());
    }

    /** The same with another inference regime and training time. */
    public SDistPath inference(Regime r, double trainingTime) {
        return new SDistPath(path, r, trainingTime, diagReg, threads);
    }

    /** The same with another relative diagonal regularisation. */
    public SDistPath diagReg(double lambda) {
        return new SDistPath(path, regime, time, lambda, threads);
    }

    /** The same with another number of Gram threads. */
    public SDistPath threads(int n) {
        return new SDistPath(path, regime, time, diagReg, n);
    }

    /**
     * {@code S-Dist(A^{τ_t}, A^{τ_0})} for every t of {@code ts} (each in [0, 1]), where A is
     * inference with the kernel of {@code net} trained on {@code (xTrain, yTrain)} and evaluated on
     * {@code xTest}.
     *
     * @throws IllegalArgumentException when the inputs do not fit the path or the network
     */
    public double[] curve(KernelFunction net, INDArray xTrain, INDArray yTrain, INDArray xTest, double[] ts) {
        INDArray reference = predict(net, xTrain, yTrain, xTest);
        double[] out = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            GroupElement tau = path.at(ts[i]);
            out[i] = SDist.of(predict(net, tau.apply(xTrain), yTrain, tau.apply(xTest)), reference);
        }
        return out;
    }

    /** The mean prediction on {@code xTest} after training on {@code (xTrain, yTrain)}. */
    INDArray predict(KernelFunction net, INDArray xTrain, INDArray yTrain, INDArray xTest) {
        Gram gram = Gram.of(net).threads(threads);
        if (regime == Regime.NNGP) {
            gram = gram.nngpOnly();
        }
        Kernel trainTrain = gram.compute(xTrain);
        Kernel testTrain = gram.compute(xTest, xTrain);
        return Predictor.of(trainTrain, yTrain).diagReg(diagReg).on(regime, testTrain).mean(time);
    }
}

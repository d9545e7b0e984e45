package org.ntk4j.layers.finite;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;

/**
 * Full-batch gradient descent of a {@link FiniteNetwork} on the MSE loss with neural-tangents'
 * conventions: {@code L(θ) = ½·mean((f(X; θ) − Y)²)}, the mean over all {@code n = y_train.size}
 * targets (training points × outputs), and one step {@code θ ← θ − η·∇L(θ)}. In the infinite-width
 * limit {@code s} steps follow the gradient flow that {@code Predictor.learningRate(η)} evaluates at
 * {@code t = s} (exactly so as η → 0; for finite η the discrete factor {@code (1 − ηλ/n)^s} replaces
 * {@code e^{−ηλs/n}} per eigenvalue λ of the NTK).
 *
 * <p>The gradient comes from the same backward pass as the empirical NTK, with the cotangent
 * {@code ∂L/∂f = (f − Y)/n}. Immutable and thread-safe (parameters are never modified in place).
 *
 * <pre>{@code
 * GradientDescent gd = GradientDescent.of(f, xTrain, yTrain).learningRate(1);
 * Params trained = gd.train(f.init(rng), 100);
 * }</pre>
 */
public final class GradientDescent {
    private final FiniteNetwork net;
    private final Batch x;
    private final double[] y;
    private final double learningRate;
    private final double weightDecay;

    private GradientDescent(FiniteNetwork net, Batch x, double[] y, double learningRate) {
        this(net, x, y, learningRate, 0.0);
    }

    private GradientDescent(FiniteNetwork net, Batch x, double[] y, double learningRate, double weightDecay) {
        this.net = net;
        this.x = x;
        this.y = y;
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    /**
     * Called by {@link #train(Params, int, Listener)} with the parameters after {@code step} steps
     * ({@code 0..steps}) and their loss {@link #loss} (without the weight-decay term).
     */
    @FunctionalInterface
    public interface Listener {
        void onStep(int step, Params params, double loss);
    }

    /**
     * Training on inputs {@code xTrain} (N, inputShape...) and targets {@code yTrain} (N, k) or (N)
     * for a network with k outputs and a readout; η = 1.
     *
     * @throws IllegalArgumentException when the inputs do not fit the network, the network keeps
     *                                  spatial dims, or the targets are not N × k
     */
    public static GradientDescent of(FiniteNetwork net, INDArray xTrain, INDArray yTrain) {
        if (net == null || xTrain == null || yTrain == null) {
            throw new IllegalArgumentException("network, xTrain and yTrain must not be null");
        }
        net.requireReadout();
        InputShape shape = Inputs.shapeOf(xTrain, "xTrain");
        net.checkShape(shape);
        double[][] rows = Inputs.rows(xTrain, "xTrain");
        int k = net.outputShape().channels();
        long expected = (long) rows.length * k;
        if (yTrain.length() != expected || yTrain.size(0) != rows.length || (yTrain.rank() == 1 && k != 1)
                || yTrain.rank() > 2) {
            throw new IllegalArgumentException("targets must be (" + rows.length + ", " + k + ")" + (k == 1
                    ? " or (" + rows.length + ")" : "") + " for " + rows.length + " inputs and a network with " + k
                    + " outputs, got " + java.util.Arrays.toString(yTrain.shape()));
        }
        double[] y = yTrain.dup('c').data().asDouble();
        for (double v : y) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("targets must be finite, found " + v);
            }
        }
        return new GradientDescent(net, new Batch(FiniteNetwork.flatten(rows), rows.length, shape), y, 1.0);
    }

    /** The learning rate η (positive, finite); a new trainer. */
    public GradientDescent learningRate(double eta) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + eta);
        }
        return new GradientDescent(net, x, y, eta, weightDecay);
    }

    /**
     * Weight decay λ ≥ 0 on every stored parameter: the objective {@code L(θ) + λ/2·‖θ‖²}, one step
     * {@code θ ← θ − η·(∇L(θ) + λ·θ)}; a new trainer. In {@code standard} parameterisation stored and
     * effective weights agree; in {@code ntk} the decay acts on the stored N(0, 1)-scale parameters.
     */
    public GradientDescent weightDecay(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("weight decay must be ≥ 0 and finite, got " + lambda);
        }
        return new GradientDescent(net, x, y, learningRate, lambda);
    }

    public double weightDecay() {
        return weightDecay;
    }

    public double learningRate() {
        return learningRate;
    }

    /** {@code L(θ) = ½·mean((f(X; θ) − Y)²)} over all N·k targets. */
    public double loss(Params params) {
        double[] f = net.root().forward(params, List.of(x)).outputs().get(0).data();
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            double r = f[i] - y[i];
            s += r * r;
        }
        return 0.5 * s / f.length;
    }

    /** {@code ∇L(θ)}, laid out as the parameters. */
    public Params gradient(Params params) {
        return gradient(params, new double[1]);
    }

    /** {@code ∇L(θ)}, with {@code L(θ)} written to {@code loss[0]}. */
    private Params gradient(Params params, double[] loss) {
        Module.Trace trace = net.root().forward(params, List.of(x));
        Batch out = trace.outputs().get(0);
        double[] f = out.data();
        double[] residual = new double[f.length];
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            residual[i] = (f[i] - y[i]) / f.length;
            sum += (f[i] - y[i]) * (f[i] - y[i]);
        }
        loss[0] = 0.5 * sum / f.length;
        ParameterGradient g = new ParameterGradient(params.slots());
        trace.backward().apply(List.of(new Batch(residual, out.n(), out.shape())), g);
        return g.params();
    }

    /** One step {@code θ − η·(∇L(θ) + λ·θ)} (λ the weight decay, default 0); a new Params. */
    public Params step(Params params) {
        return step(params, gradient(params));
    }

    private Params step(Params params, Params gradient) {
        Params p = params.plus(-learningRate, gradient);
        return weightDecay == 0 ? p : p.plus(-learningRate * weightDecay, params);
    }

    /**
     * {@code steps} steps from {@code params}, calling {@code listener} before the first step, after
     * every step and so {@code steps + 1} times; the loss comes from each step's own forward pass.
     */
    public Params train(Params params, int steps, Listener listener) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be ≥ 0, got " + steps);
        }
        Params p = params;
        for (int s = 0; s < steps; s++) {
            double[] loss = new double[1];
            Params g = gradient(p, loss);
            listener.onStep(s, p, loss[0]);
            p = step(p, g);
        }
        listener.onStep(steps, p, loss(p));
        return p;
    }

    /** {@code steps} steps from {@code params} (0 steps return it unchanged). */
    public Params train(Params params, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be ≥ 0, got " + steps);
        }
        Params p = params;
        for (int s = 0; s < steps; s++) {
            p = step(p);
        }
        return p;
    }

    @Override
    public String toString() {
        return "GradientDescent[N=" + x.n() + ", η=" + learningRate + (weightDecay > 0 ? ", λ=" + weightDecay : "")
                + "] of " + net.inputShape() + " -> "
                + net.outputShape();
    }
}

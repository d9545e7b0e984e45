package org.ntk4j.layers.finite;

import java.util.List;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.layers.AvgPool;
import org.ntk4j.layers.Conv;
import org.ntk4j.layers.Dense;
import org.ntk4j.layers.Flatten;
import org.ntk4j.layers.GlobalAvgPool;
import org.ntk4j.layers.Identity;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.Network;
import org.ntk4j.layers.Serial;

/**
 * A network of {@link Layer}s at the finite widths it declares (every Dense's out_dim, every
 * Conv's out_chan), with neural-tangents' {@code init_fn} and {@code apply_fn} conventions:
 * {@link #init} draws the parameters, {@link #apply} runs the forward pass, and {@link #kernel}
 * gives one draw's empirical kernels. Immutable and thread-safe; parameters live in {@link Params}.
 *
 * <pre>{@code
 * FiniteNetwork f = FiniteNetwork.of(net, new InputShape(new int[] {4, 4}, 3));
 * Params p = f.init(new SplittableRandom(1));
 * INDArray y = f.apply(p, x);          // (N, out_dim)
 * Kernel k = f.kernel(p, x1, x2);      // one draw's empirical NNGP and NTK
 * }</pre>
 */
public final class FiniteNetwork {
    private final Layer layer;
    private final InputShape inputShape;
    private final Module root;
    private final List<AffineModule> affine;
    private final InputShape outputShape;

    private FiniteNetwork(Layer layer, InputShape inputShape, Module root, List<AffineModule> affine) {
        this.layer = layer;
        this.inputShape = inputShape;
        this.root = root;
        this.affine = List.copyOf(affine);
        this.outputShape = root.outShapes().get(0);
    }

    /**
     * The finite network of {@code net} for inputs of per-example {@code shape}.
     *
     * @throws IllegalArgumentException as the analytic compilation (shape rules, a nonlinearity
     *                                  after Flatten, an unjoined branch), naming the layer
     */
    public static FiniteNetwork of(Layer net, InputShape shape) {
        if (net == null || shape == null) {
            throw new IllegalArgumentException("network and input shape must not be null");
        }
        Network.compile(net, shape, false);
        Modules modules = new Modules();
        Module root = modules.build(net, List.of(shape), false);
        return new FiniteNetwork(net, shape, root, modules.affine());
    }

    public InputShape inputShape() {
        return inputShape;
    }

    /** Per-example output shape, e.g. {@code (out_dim)} after a Dense readout. */
    public InputShape outputShape() {
        return outputShape;
    }

    /** Draws every Dense/Conv/ConvLocal layer's weights then bias, in network order, from {@code rng}. */
    public Params init(RandomGenerator rng) {
        double[][][] slots = new double[affine.size()][][];
        for (AffineModule m : affine) {
            slots[m.slot()] = m.init(rng);
        }
        return new Params(slots);
    }

    /**
     * {@link #init} with every parameter times {@code alpha}: the initialisation scale α of a small
     * (α ≪ 1, rich, feature-learning) or ordinary (α = 1, lazy for wide networks) initialisation.
     */
    public Params init(RandomGenerator rng, double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("initialisation scale must be finite, got " + alpha);
        }
        return init(rng).scaled(alpha);
    }

    /** The layer tree this network was built from. */
    public Layer layer() {
        return layer;
    }

    /** Every affine layer (Dense, Conv, ConvLocal) in network order: shapes and stored-to-effective factors. */
    public List<AffineLayer> affineLayers() {
        return affine.stream().map(AffineModule::info).toList();
    }

    /**
     * The Jacobian {@code ∂f_k(x_n)/∂θ} on a batch {@code x} (N, inputShape...): N·K rows (row
     * {@code n·K + k}), one column per stored parameter in the order of {@link Params#toArray}. Its
     * Gram over the rows, summed over k and divided by K, is {@link #kernel}'s NTK.
     */
    public double[][] jacobian(Params params, INDArray x) {
        requireReadout();
        checkShape(Inputs.shapeOf(x, "x"));
        double[][] rows = Inputs.rows(x, "x");
        int n = rows.length;
        int units = outputShape.channels();
        Module.Trace trace = root.forward(params, List.of(new Batch(flatten(rows), n, inputShape)));
        double[] basis = new double[units * n * units];
        for (int k = 0; k < units; k++) {
            for (int e = 0; e < n; e++) {
                basis[(k * n + e) * units + k] = 1.0;
            }
        }
        ParameterJacobian j = new ParameterJacobian(n, units, params);
        trace.backward().apply(List.of(new Batch(basis, units * n, outputShape)), j);
        return j.rows();
    }

    /**
     * The antithetic twin of {@code params}: the readout's (the last affine layer's) weights and bias
     * negated, all other parameters shared. Both init schemes draw them from distributions symmetric
     * about 0, so the twin is exactly as likely as {@code params}, and {@code apply(antithetic(p), x)
     * = −apply(p, x)}. An ensemble of draws and their twins, all trained, estimates the same ensemble
     * mean E[f_t] as independent draws (each member has the init distribution) but the prior function
     * f_0 cancels in every pair: antithetic variates, a variance reduction for Monte Carlo means.
     *
     * @throws IllegalArgumentException when the output is not linear in the readout: a nonlinearity,
     *                                  or a branch that bypasses it, after the last Dense/Conv
     */
    public Params antithetic(Params params) {
        if (!linearInLastAffine(layer)) {
            throw new IllegalArgumentException("antithetic draws need a network whose output is linear in its last "
                    + "Dense/Conv (only Flatten, Identity, AvgPool or GlobalAvgPool after it), got " + layer);
        }
        return params.negated(affine.size() - 1);
    }

    /** Whether {@code l}'s output is an odd (linear) function of its last affine layer's parameters. */
    private static boolean linearInLastAffine(Layer l) {
        if (l instanceof Dense || l instanceof Conv) {
            return true;
        }
        if (l instanceof Serial s) {
            for (int i = s.layers().size() - 1; i >= 0; i--) {
                Layer t = s.layers().get(i);
                if (!(t instanceof Flatten || t instanceof Identity || t instanceof AvgPool || t instanceof GlobalAvgPool)) {
                    return linearInLastAffine(t);
                }
            }
        }
        return false;
    }

    /** The forward pass {@code f(params, x)} on a batch {@code x} of shape {@code (N, inputShape...)}: (N, outputShape...). */
    public INDArray apply(Params params, INDArray x) {
        checkShape(Inputs.shapeOf(x, "x"));
        double[][] rows = Inputs.rows(x, "x");
        Batch y = root.forward(params, List.of(new Batch(flatten(rows), rows.length, inputShape))).outputs().get(0);
        return Inputs.toNd4j(unflatten(y.data(), y.n(), outputShape.size()), outputShape);
    }

    /**
     * One draw's empirical kernels between {@code x1} (N1, ...) and {@code x2} (N2, ...), (N1, N2):
     * {@code nngp = 1/K Σ_k f_k(x)·f_k(x')}, {@code ntk = 1/K Σ_k ⟨∂f_k(x)/∂θ, ∂f_k(x')/∂θ⟩} over
     * the K output units and all parameters θ as stored.
     *
     * @throws IllegalArgumentException when the output keeps spatial dims (add a readout) or the
     *                                  inputs do not fit
     */
    public Kernel kernel(Params params, INDArray x1, INDArray x2) {
        Ntk4j.init();
        checkShape(Inputs.commonShape(x1, x2));
        double[][] r1 = Inputs.rows(x1, "x1");
        double[][] r2 = Inputs.rows(x2, "x2");
        double[][] k = kernels(params, concat(r1, r2), true);
        int n = r1.length + r2.length;
        return new Kernel(block(k[0], n, r1.length, r1.length, r2.length), block(k[1], n, r1.length, r1.length, r2.length));
    }

    /**
     * The empirical NNGP and (when {@code ntk}) NTK of the rows (flat channels-last inputs) among
     * themselves, as flat (N×N) arrays; {@code [1]} is null without NTK.
     */
    double[][] kernels(Params params, double[][] rows, boolean ntk) {
        requireReadout();
        int n = rows.length;
        int units = outputShape.channels();
        Module.Trace trace = root.forward(params, List.of(new Batch(flatten(rows), n, inputShape)));
        double[] f = trace.outputs().get(0).data();
        double[] nngp = Matrices.gram(f, n, units);
        scale(nngp, 1.0 / units);
        if (!ntk) {
            return new double[][] {nngp, null};
        }
        double[] basis = new double[units * n * units];
        for (int k = 0; k < units; k++) {
            for (int e = 0; e < n; e++) {
                basis[(k * n + e) * units + k] = 1.0;
            }
        }
        GradientGram gram = new GradientGram(n, units);
        trace.backward().apply(List.of(new Batch(basis, units * n, outputShape)), gram);
        double[] theta = gram.theta();
        scale(theta, 1.0 / units);
        return new double[][] {nngp, theta};
    }

    /** The root module (forward and backward passes). */
    Module root() {
        return root;
    }

    void requireReadout() {
        if (outputShape.spatial().length > 0) {
            throw new IllegalArgumentException("empirical kernels need a network whose output has no spatial dims, but "
                    + "its output per input is " + outputShape + "; end it with Flatten or GlobalAvgPool and Dense");
        }
    }

    /** Checks that a batch's per-input shape is this network's. */
    void checkShape(InputShape s) {
        if (!s.equals(inputShape)) {
            throw new IllegalArgumentException("inputs have per-input shape " + s + " but the network was built for "
                    + inputShape);
        }
    }

    static double[] flatten(double[][] rows) {
        int size = rows[0].length;
        double[] flat = new double[rows.length * size];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * size, size);
        }
        return flat;
    }

    private static double[][] unflatten(double[] flat, int n, int size) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * size, (i + 1) * size);
        }
        return rows;
    }

    static double[][] concat(double[][] a, double[][] b) {
        double[][] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The (rows × cols) block at row 0, column {@code colOffset} of an (n×n) flat matrix. */
    static INDArray block(double[] square, int n, int rows, int colOffset, int cols) {
        double[] b = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(square, i * n + colOffset, b, i * cols, cols);
        }
        return Nd4j.create(b, new long[] {rows, cols}, 'c');
    }

    private static void scale(double[] a, double s) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= s;
        }
    }

    @Override
    public String toString() {
        return "FiniteNetwork[" + inputShape + " -> " + outputShape + ", " + affine.size() + " affine layers]\n" + layer;
    }
}

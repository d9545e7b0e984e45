package org.ntk4j.symmetry.parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.ntk4j.core.InputShape;
import org.ntk4j.layers.Dense;
import org.ntk4j.layers.Elementwise;
import org.ntk4j.layers.Identity;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.Layers;
import org.ntk4j.layers.Serial;
import org.ntk4j.layers.finite.AffineLayer;
import org.ntk4j.layers.finite.FiniteNetwork;
import org.ntk4j.layers.finite.Params;

/**
 * A finite network that is a chain {@code Dense → φ → Dense → φ → … → Dense} on flat inputs (nested
 * Serials and Identity allowed, any number of pointwise layers between two Dense), the structure every
 * neuron-level symmetry measure needs. Hidden layer {@code l} ({@code 0 ≤ l < hiddenLayers()}) is the
 * output of affine layer {@code l}; its neuron {@code i} has parameters {@code θ_i = (W_l[:, i], b_l[i],
 * W_{l+1}[i, :])}: incoming weights, bias, outgoing weights.
 */
public final class DenseChain {
    private final FiniteNetwork net;
    private final List<Dense> dense;
    private final List<AffineLayer> affine;
    private final List<List<Elementwise>> activations;

    private DenseChain(FiniteNetwork net, List<Dense> dense, List<List<Elementwise>> activations) {
        this.net = net;
        this.dense = List.copyOf(dense);
        this.affine = net.affineLayers();
        this.activations = activations.stream().map(List::copyOf).toList();
    }

    /**
     * The chain of {@code net}.
     *
     * @throws IllegalArgumentException naming the first layer that is not Dense, Serial, Identity or
     *                                  pointwise (Conv, pooling, FanOut/FanIn branches, Flatten), or when
     *                                  the input has spatial dims, or the network has no hidden layer
     */
    public static DenseChain of(FiniteNetwork net) {
        if (net == null) {
            throw new IllegalArgumentException("network must not be null");
        }
        if (net.inputShape().spatial().length > 0) {
            throw new IllegalArgumentException("parameter-symmetry measures need a Dense chain on flat inputs, but the "
                    + "network's inputs have shape " + net.inputShape());
        }
        List<Layer> flat = new ArrayList<>();
        flatten(net.layer(), flat);
        List<Dense> dense = new ArrayList<>();
        List<List<Elementwise>> acts = new ArrayList<>();
        List<Elementwise> current = null;
        for (Layer l : flat) {
            if (l instanceof Dense d) {
                if (current != null) {
                    acts.add(current);
                }
                dense.add(d);
                current = new ArrayList<>();
            } else if (l instanceof Elementwise e) {
                if (current == null) {
                    throw new IllegalArgumentException("parameter-symmetry measures need a Dense chain starting with "
                            + "Dense, but it starts with " + e);
                }
                current.add(e);
            } else if (!(l instanceof Identity)) {
                throw new IllegalArgumentException("parameter-symmetry measures need a Dense chain (Dense layers with "
                        + "pointwise nonlinearities between them), but the network contains " + l.getClass().getSimpleName()
                        + ": " + l);
            }
        }
        if (dense.size() < 2) {
            throw new IllegalArgumentException("parameter-symmetry measures need at least one hidden layer (two Dense), got "
                    + dense.size() + " Dense in " + net.layer());
        }
        if (current != null && !current.isEmpty()) {
            throw new IllegalArgumentException("parameter-symmetry measures need a Dense readout, but the network ends with "
                    + current.get(current.size() - 1));
        }
        return new DenseChain(net, dense, acts);
    }

    private static void flatten(Layer l, List<Layer> out) {
        if (l instanceof Serial s) {
            for (Layer c : s.layers()) {
                flatten(c, out);
            }
        } else {
            out.add(l);
        }
    }

    public FiniteNetwork network() {
        return net;
    }

    /** The number of hidden layers (Dense layers minus the readout). */
    public int hiddenLayers() {
        return dense.size() - 1;
    }

    /** The number of Dense layers, the readout included. */
    public int denseLayers() {
        return dense.size();
    }

    /** The width of hidden layer {@code l}. */
    public int width(int hidden) {
        return affine.get(checkHidden(hidden)).outChannels();
    }

    /** The stored-to-effective factors of Dense layer {@code layer}. */
    public AffineLayer affine(int layer) {
        return affine.get(checkLayer(layer));
    }

    /** The pointwise layers after hidden layer {@code l}'s Dense (empty: linear). */
    public List<Elementwise> activation(int hidden) {
        return activations.get(checkHidden(hidden));
    }

    /** Whether hidden layer {@code l}'s nonlinearity is the identity (no pointwise layer). */
    public boolean linear(int hidden) {
        return activation(hidden).isEmpty();
    }

    /**
     * Whether hidden layer {@code l}'s nonlinearity (the composition of its pointwise layers) is odd,
     * {@code φ(−u) = −φ(u)}, checked to 1e-12 at 64 points in [−8, 8] and at 0; erf with c = 0 and
     * tanh-like functions are, ReLU is not.
     */
    public boolean odd(int hidden) {
        List<Elementwise> phi = activation(hidden);
        DoubleUnaryOperator f = u -> {
            double v = u;
            for (Elementwise e : phi) {
                v = e.phi(v);
            }
            return v;
        };
        for (int k = 0; k <= 64; k++) {
            double u = k / 8.0;
            double a = f.applyAsDouble(u);
            double b = f.applyAsDouble(-u);
            if (!(Math.abs(a + b) <= 1e-12 * (1 + Math.abs(a)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Dense layer {@code layer}'s weights as a (C_in × C_out) row-major matrix in {@code units}: column
     * {@code i} holds neuron i's incoming weights.
     */
    public double[] weights(Params params, int layer, Units units) {
        double[] w = params.weights(checkLayer(layer));
        if (units == Units.EFFECTIVE) {
            double s = affine.get(layer).scaleW();
            for (int i = 0; i < w.length; i++) {
                w[i] *= s;
            }
        }
        return w;
    }

    /** Neuron {@code i}'s parameter vector {@code (W_l[:, i], b_l[i], W_{l+1}[i, :])} in {@code units}. */
    public double[] neuron(Params params, int hidden, int i, Units units) {
        return neurons(params, hidden, units)[checkNeuron(hidden, i)];
    }

    /** All neurons' parameter vectors of hidden layer {@code l}, one row per neuron. */
    public double[][] neurons(Params params, int hidden, Units units) {
        checkHidden(hidden);
        AffineLayer in = affine.get(hidden);
        AffineLayer out = affine.get(hidden + 1);
        int cin = in.inChannels();
        int h = in.outChannels();
        int cout = out.outChannels();
        boolean eff = units == Units.EFFECTIVE;
        double sIn = eff ? in.scaleW() : 1;
        double sB = eff && in.hasBias() ? in.scaleB() : 1;
        double sOut = eff ? out.scaleW() : 1;
        double[] wIn = params.weights(hidden);
        double[] b = params.bias(hidden);
        double[] wOut = params.weights(hidden + 1);
        int d = cin + (b == null ? 0 : 1) + cout;
        double[][] theta = new double[h][d];
        for (int i = 0; i < h; i++) {
            double[] t = theta[i];
            for (int r = 0; r < cin; r++) {
                t[r] = sIn * wIn[r * h + i];
            }
            int at = cin;
            if (b != null) {
                t[at++] = sB * b[i];
            }
            for (int c = 0; c < cout; c++) {
                t[at + c] = sOut * wOut[i * cout + c];
            }
        }
        return theta;
    }

    /** The dimension of one neuron's parameter vector in hidden layer {@code l}. */
    public int neuronDimension(int hidden) {
        checkHidden(hidden);
        AffineLayer in = affine.get(hidden);
        return in.inChannels() + (in.hasBias() ? 1 : 0) + affine.get(hidden + 1).outChannels();
    }

    /**
     * The same chain with every Dense's W_std and b_std times {@code alpha}: the network whose
     * infinite-width kernels describe {@link FiniteNetwork#init(java.util.random.RandomGenerator, double)}
     * at scale α (see {@link KernelDrift}).
     */
    public Layer scaledLayer(double alpha) {
        List<Layer> out = new ArrayList<>();
        for (int l = 0; l < dense.size(); l++) {
            Dense d = dense.get(l);
            out.add(Layers.dense(d.outDim(), alpha * d.wStd(), d.bStd() == null ? null : alpha * d.bStd(),
                    d.parameterization()));
            if (l < activations.size()) {
                out.addAll(activations.get(l));
            }
        }
        return Layers.serial(out);
    }

    /** The parameterisation shared by all Dense layers. */
    org.ntk4j.layers.Parameterization parameterization() {
        org.ntk4j.layers.Parameterization p = dense.get(0).parameterization();
        for (Dense d : dense) {
            if (d.parameterization() != p) {
                throw new IllegalArgumentException("mixed parameterisations in " + net.layer());
            }
        }
        return p;
    }

    int checkHidden(int hidden) {
        if (hidden < 0 || hidden >= hiddenLayers()) {
            throw new IllegalArgumentException("hidden layer index " + hidden + " out of range 0.." + (hiddenLayers() - 1));
        }
        return hidden;
    }

    int checkLayer(int layer) {
        if (layer < 0 || layer >= dense.size()) {
            throw new IllegalArgumentException("Dense layer index " + layer + " out of range 0.." + (dense.size() - 1));
        }
        return layer;
    }

    int checkNeuron(int hidden, int i) {
        if (i < 0 || i >= width(hidden)) {
            throw new IllegalArgumentException("neuron index " + i + " out of range 0.." + (width(hidden) - 1)
                    + " of hidden layer " + hidden);
        }
        return i;
    }

    @Override
    public String toString() {
        return "DenseChain[" + dense.size() + " Dense, " + net.inputShape() + " -> " + net.outputShape() + "]";
    }
}

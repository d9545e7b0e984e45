package org.ntk4j.symmetry.parameter;

import org.ntk4j.layers.finite.Params;

/**
 * The neuron symmetries of a {@link DenseChain} and their distances. Every hidden layer of width h
 * has the permutations of its neurons (any φ); odd φ (erf, tanh) adds a sign flip per neuron
 * ({@code θ_i → −θ_i}); a linear layer has the double rotation {@code W_l → W_l·R, W_{l+1} → Rᵀ·W_{l+1}}
 * (R orthogonal on the layer's neurons); ReLU has the rescaling {@code (w_in, b) → c·(w_in, b),
 * w_out → w_out/c}, which is not orthogonal and whose only invariant state is a zero neuron.
 *
 * <ul>
 *   <li>Transposition τ_ij: {@code P = (I + τ)/2} sets neurons i and j to their mean; codimension d
 *       (the neuron's parameter count), distance {@code Δ_ij = ‖θ_i − θ_j‖/√2}.</li>
 *   <li>Sign flip of neuron i: {@code P = (I + s_i)/2} sets θ_i = 0 (a dead neuron); codimension d,
 *       distance {@code ‖θ_i‖}.</li>
 *   <li>All permutations of a layer: P sets every neuron to the layer's mean neuron; codimension
 *       {@code (h − 1)·d}.</li>
 * </ul>
 */
public final class ParameterSymmetries {
    private ParameterSymmetries() {
    }

    /** The transposition of neurons {@code i ≠ j} of hidden layer {@code hidden}. */
    public static ParameterProjection transposition(DenseChain chain, int hidden, int i, int j) {
        chain.checkNeuron(hidden, i);
        chain.checkNeuron(hidden, j);
        if (i == j) {
            throw new IllegalArgumentException("a transposition needs two distinct neurons, got " + i + " twice");
        }
        return projection(chain, hidden, new int[] {i, j}, false, "τ(" + i + "," + j + ") in hidden layer " + hidden);
    }

    /**
     * The sign flip of neuron {@code i} of hidden layer {@code hidden}.
     *
     * @throws IllegalArgumentException when the layer's nonlinearity is not odd (ReLU: its rescaling
     *                                  symmetry is not an orthogonal group action)
     */
    public static ParameterProjection signFlip(DenseChain chain, int hidden, int i) {
        requireOdd(chain, hidden);
        chain.checkNeuron(hidden, i);
        return projection(chain, hidden, new int[] {i}, true, "sign flip of neuron " + i + " in hidden layer " + hidden);
    }

    /** All permutations of hidden layer {@code hidden}'s neurons. */
    public static ParameterProjection layerPermutation(DenseChain chain, int hidden) {
        int h = chain.width(hidden);
        int[] all = new int[h];
        for (int i = 0; i < h; i++) {
            all[i] = i;
        }
        return projection(chain, hidden, all, false, "all permutations of hidden layer " + hidden);
    }

    /**
     * The product of commuting projections (e.g. the permutations of different layers: the projector
     * onto states symmetric under all of them); its codimension {@code d − trace(P)} is computed on
     * the parameter layout of {@code like} (d applications, for small networks).
     */
    public static ParameterProjection composed(Params like, ParameterProjection... projections) {
        ParameterProjection[] ps = projections.clone();
        java.util.function.UnaryOperator<Params> all = p -> {
            Params q = p;
            for (ParameterProjection pr : ps) {
                q = pr.apply(q);
            }
            return q;
        };
        int d = Math.toIntExact(like.count());
        double trace = 0;
        double[] e = new double[d];
        for (int i = 0; i < d; i++) {
            e[i] = 1;
            trace += all.apply(like.withArray(e)).toArray()[i];
            e[i] = 0;
        }
        int codim = d - (int) Math.round(trace);
        String name = java.util.Arrays.stream(ps).map(ParameterProjection::name)
                .collect(java.util.stream.Collectors.joining(" ∘ "));
        return new ParameterProjection() {
            @Override
            public Params apply(Params params) {
                return all.apply(params);
            }

            @Override
            public int codimension() {
                return codim;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /** {@code Δ_ij = ‖θ_i − θ_j‖/√2} in {@code units}. */
    public static double pairDistance(DenseChain chain, Params params, int hidden, int i, int j, Units units) {
        chain.checkNeuron(hidden, i);
        chain.checkNeuron(hidden, j);
        double[][] t = chain.neurons(params, hidden, units);
        return distance(t[i], t[j]) / Math.sqrt(2);
    }

    /**
     * {@code Δ_i = ‖θ_i‖} in {@code units}, the distance from the sign flip's symmetric state (a dead neuron).
     *
     * @throws IllegalArgumentException when the layer's nonlinearity is not odd
     */
    public static double signFlipDistance(DenseChain chain, Params params, int hidden, int i, Units units) {
        requireOdd(chain, hidden);
        chain.checkNeuron(hidden, i);
        return norm(chain.neurons(params, hidden, units)[i]);
    }

    /**
     * The degree of double-rotation symmetry of a linear hidden layer: the number of eigenvalues of
     * {@code W_lᵀW_l + W_{l+1}W_{l+1}ᵀ} (plus {@code b_l b_lᵀ} with a bias; the Gram matrix of the
     * neurons' parameter vectors, effective units) below {@code ε²}.
     *
     * @throws IllegalArgumentException when the layer has a nonlinearity, or ε ≤ 0
     */
    public static int rotationDegree(DenseChain chain, Params params, int hidden, double epsilon) {
        Spectra.requirePositive(epsilon, "ε");
        if (!chain.linear(hidden)) {
            throw new IllegalArgumentException("double rotation needs a linear hidden layer, but hidden layer " + hidden
                    + " applies " + chain.activation(hidden));
        }
        double[][] t = chain.neurons(params, hidden, Units.EFFECTIVE);
        int h = t.length;
        double[] gram = new double[h * h];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < h; j++) {
                gram[i * h + j] = dot(t[i], t[j]);
            }
        }
        int count = 0;
        for (double l : Spectra.symmetricEigen(gram, h, null)) {
            if (l < epsilon * epsilon) {
                count++;
            }
        }
        return count;
    }

    /**
     * Theorem 1's bound on the empirical NTK's rank at a G-symmetric state: {@code d − rank(I − P_G)},
     * d the number of parameters (the Jacobian's columns lie in the range of P_G).
     */
    public static long ntkRankBound(Params params, ParameterProjection projection) {
        return params.count() - projection.codimension();
    }

    /**
     * The numerical rank of the full empirical NTK {@code J·Jᵀ} on {@code x} (N·K rows: every input and
     * output unit): eigenvalues above {@code relTol·λ_max}.
     */
    public static int ntkRank(DenseChain chain, Params params, org.nd4j.linalg.api.ndarray.INDArray x, double relTol) {
        double[][] j = chain.network().jacobian(params, x);
        int m = j.length;
        double[] gram = new double[m * m];
        for (int a = 0; a < m; a++) {
            for (int b = a; b < m; b++) {
                double v = dot(j[a], j[b]);
                gram[a * m + b] = v;
                gram[b * m + a] = v;
            }
        }
        return Spectra.psdRank(gram, m, relTol);
    }

    static void requireOdd(DenseChain chain, int hidden) {
        if (!chain.odd(hidden)) {
            throw new IllegalArgumentException("sign-flip symmetry needs an odd nonlinearity (erf with c = 0, tanh), but "
                    + "hidden layer " + hidden + " applies " + chain.activation(hidden) + "; for ReLU only a zero neuron is "
                    + "invariant under its rescaling symmetry (see SymmetryReport.zeroNeurons)");
        }
    }

    /** Sets the listed neurons to their mean ({@code flip}: to 0, one neuron). */
    private static ParameterProjection projection(DenseChain chain, int hidden, int[] neurons, boolean flip, String name) {
        chain.checkHidden(hidden);
        int d = chain.neuronDimension(hidden);
        int codim = (neurons.length - (flip ? 0 : 1)) * d;
        int h = chain.width(hidden);
        int cout = chain.affine(hidden + 1).outChannels();
        return new ParameterProjection() {
            @Override
            public Params apply(Params params) {
                double[] wIn = params.weights(hidden);
                double[] b = params.bias(hidden);
                double[] wOut = params.weights(hidden + 1);
                int cin = wIn.length / h;
                for (int r = 0; r < cin; r++) {
                    average(wIn, r * h, 1, neurons, flip);
                }
                if (b != null) {
                    average(b, 0, 1, neurons, flip);
                }
                for (int c = 0; c < cout; c++) {
                    average(wOut, c, cout, neurons, flip);
                }
                Params out = params.withLayer(hidden, wIn, b);
                return out.withLayer(hidden + 1, wOut, params.bias(hidden + 1));
            }

            @Override
            public int codimension() {
                return codim;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return "ParameterProjection[" + name + ", codimension " + codim + "]";
            }
        };
    }

    /** {@code a[base + k·stride]} for k in {@code neurons} set to their mean (or 0 when {@code flip}). */
    private static void average(double[] a, int base, int stride, int[] neurons, boolean flip) {
        double m = 0;
        if (!flip) {
            for (int k : neurons) {
                m += a[base + k * stride];
            }
            m /= neurons.length;
        }
        for (int k : neurons) {
            a[base + k * stride] = m;
        }
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

package org.ntk4j.symmetry.parameter;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.layers.Parameterization;
import org.ntk4j.layers.finite.FiniteNetwork;
import org.ntk4j.layers.finite.Params;

/**
 * How far a trained finite network is from the kernel regime: the drift of its empirical NTK and the
 * distance of its predictions from the infinite-width NTK's.
 *
 * <ul>
 *   <li>{@link #drift}: {@code ‖Θ_t − Θ₀‖_F/‖Θ₀‖_F} and {@code ‖Θ_t − Θ₀‖_F/‖Θ_t‖_F} of the empirical
 *       NTK on a batch (per output unit, as {@link FiniteNetwork#kernel}). Lazy training keeps both
 *       small and the first falls with width; near a symmetric (small) initialisation Θ₀ is tiny and the
 *       first explodes.</li>
 *   <li>{@link #ntkPrediction}: what gradient descent would give if the network were its infinite-width
 *       linearisation at the same initialisation: {@code f(x*) = f₀(x*) + Θ*·Θ⁻¹·(I − (I − ηΘ/n)^s)·(Y − f₀(X))},
 *       Θ the analytic NTK of the chain with every W_std and b_std times α (divided by α² in {@code ntk}
 *       parameterisation, whose gradient is taken with respect to the α-scaled stored parameters), f₀ the
 *       network's own outputs at initialisation, n = N·K the targets, s steps of size η
 *       ({@link org.ntk4j.layers.finite.GradientDescent}'s conventions; the discrete factor, not
 *       {@code e^{−ηΘs/n}}).</li>
 *   <li>{@link #distance}: {@code ‖f_net − f_NTK‖/‖f_net‖} over all test outputs.</li>
 * </ul>
 */
public final class KernelDrift {
    /** The two relative drifts of the empirical NTK. */
    public record Drift(double relativeToInitial, double relativeToCurrent) {
    }

    private KernelDrift() {
    }

    /** The drift of the empirical NTK on {@code x} from {@code initial} to {@code trained}. */
    public static Drift drift(FiniteNetwork net, Params initial, Params trained, INDArray x) {
        double[] k0 = net.kernel(initial, x, x).ntk().dup('c').data().asDouble();
        double[] kt = net.kernel(trained, x, x).ntk().dup('c').data().asDouble();
        double d = 0;
        double n0 = 0;
        double nt = 0;
        for (int i = 0; i < k0.length; i++) {
            d += (kt[i] - k0[i]) * (kt[i] - k0[i]);
            n0 += k0[i] * k0[i];
            nt += kt[i] * kt[i];
        }
        return new Drift(Math.sqrt(d / n0), Math.sqrt(d / nt));
    }

    /**
     * The infinite-width NTK prediction on {@code xTest} after {@code steps} steps of size {@code eta}
     * from {@code initial} (drawn at scale {@code alpha}), as an (M × K) row-major array.
     *
     * @throws IllegalArgumentException when α ≤ 0, η ≤ 0 or steps < 0
     */
    public static double[] ntkPrediction(DenseChain chain, double alpha, Params initial, INDArray xTrain,
            INDArray yTrain, INDArray xTest, double eta, int steps) {
        Spectra.requirePositive(alpha, "initialisation scale α");
        Spectra.requirePositive(eta, "learning rate η");
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be ≥ 0, got " + steps);
        }
        FiniteNetwork net = chain.network();
        org.ntk4j.layers.Layer scaled = chain.scaledLayer(alpha);
        double factor = chain.parameterization() == Parameterization.NTK ? 1.0 / (alpha * alpha) : 1.0;
        int n = (int) xTrain.size(0);
        int m = (int) xTest.size(0);
        double[] ktt = scaled.kernel(xTrain, xTrain).ntk().dup('c').data().asDouble();
        double[] kst = scaled.kernel(xTest, xTrain).ntk().dup('c').data().asDouble();
        for (int i = 0; i < ktt.length; i++) {
            ktt[i] *= factor;
        }
        for (int i = 0; i < kst.length; i++) {
            kst[i] *= factor;
        }
        double[] f0Train = net.apply(initial, xTrain).dup('c').data().asDouble();
        double[] f0Test = net.apply(initial, xTest).dup('c').data().asDouble();
        double[] y = yTrain.dup('c').data().asDouble();
        int k = f0Train.length / n;
        long targets = (long) n * k;
        double[] v = new double[n * n];
        double[] l = Spectra.symmetricEigen(ktt, n, v);
        // g(λ) = (1 − (1 − ηλ/n)^s)/λ, its limit s·η/n as λ → 0.
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double z = eta * l[i] / targets;
            g[i] = Math.abs(z) < 1e-12 ? steps * eta / targets : -Math.expm1(steps * Math.log1p(-z)) / l[i];
            if (z >= 1) {
                g[i] = (1 - Math.pow(1 - z, steps)) / l[i];
            }
        }
        double[] out = f0Test.clone();
        double[] r = new double[n];
        double[] c = new double[n];
        for (int u = 0; u < k; u++) {
            for (int i = 0; i < n; i++) {
                r[i] = y[i * k + u] - f0Train[i * k + u];
            }
            // c = V·diag(g)·Vᵀ·r
            for (int a = 0; a < n; a++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += v[i * n + a] * r[i];
                }
                c[a] = s * g[a];
            }
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int a = 0; a < n; a++) {
                    s += v[i * n + a] * c[a];
                }
                w[i] = s;
            }
            for (int p = 0; p < m; p++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += kst[p * n + i] * w[i];
                }
                out[p * k + u] += s;
            }
        }
        return out;
    }

    /** {@code ‖f_net − f_NTK‖/‖f_net‖}. */
    public static double distance(double[] network, double[] ntk) {
        if (network.length != ntk.length) {
            throw new IllegalArgumentException("predictions of different sizes: " + network.length + " vs " + ntk.length);
        }
        double d = 0;
        double s = 0;
        for (int i = 0; i < network.length; i++) {
            d += (network[i] - ntk[i]) * (network[i] - ntk[i]);
            s += network[i] * network[i];
        }
        return Math.sqrt(d / s);
    }

    /** The mean squared error {@code mean((f − y)²)}. */
    public static double mse(double[] f, double[] y) {
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            s += (f[i] - y[i]) * (f[i] - y[i]);
        }
        return s / f.length;
    }
}

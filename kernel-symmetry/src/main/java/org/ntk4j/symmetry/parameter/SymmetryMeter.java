package org.ntk4j.symmetry.parameter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.ntk4j.layers.finite.Params;

/**
 * Measures the symmetric states of a {@link DenseChain}: per hidden layer the degree of symmetry,
 * distinct and zero neurons (threshold ε on the distances, in {@link Units}, effective by default)
 * and the rank of every weight matrix (singular values of the effective weights above τ).
 *
 * <p>Choosing the thresholds: ε and τ must sit above the noise floor of the initialisation that counts
 * as "symmetric" and below the scale of learned features. For a small initialisation at scale α, take
 * τ a few times (e.g. 4×) the initial largest singular value of the layer's effective weights, and ε a
 * few times the initial neuron norm; keep them fixed when comparing initialisation scales, so that a
 * larger α honestly shows no symmetric state.
 */
public final class SymmetryMeter {
    private final double epsilon;
    private final double rankThreshold;
    private final Units units;

    private SymmetryMeter(double epsilon, double rankThreshold, Units units) {
        this.epsilon = epsilon;
        this.rankThreshold = rankThreshold;
        this.units = units;
    }

    /**
     * A meter with distance threshold ε and rank threshold τ, effective units.
     *
     * @throws IllegalArgumentException when a threshold is not positive and finite
     */
    public static SymmetryMeter of(double epsilon, double rankThreshold) {
        Spectra.requirePositive(epsilon, "symmetry threshold ε");
        Spectra.requirePositive(rankThreshold, "rank threshold τ");
        return new SymmetryMeter(epsilon, rankThreshold, Units.EFFECTIVE);
    }

    /** The same thresholds measured in {@code units}. */
    public SymmetryMeter units(Units u) {
        return new SymmetryMeter(epsilon, rankThreshold, u);
    }

    public double epsilon() {
        return epsilon;
    }

    public double rankThreshold() {
        return rankThreshold;
    }

    /** Reports of every hidden layer at {@code step} with training loss {@code loss}. */
    public List<SymmetryReport> measure(DenseChain chain, Params params, int step, double loss) {
        List<SymmetryReport> out = new ArrayList<>();
        for (int l = 0; l < chain.hiddenLayers(); l++) {
            out.add(measure(chain, params, l, step, loss));
        }
        return out;
    }

    /** The report of hidden layer {@code hidden}. */
    public SymmetryReport measure(DenseChain chain, Params params, int hidden, int step, double loss) {
        double[][] t = chain.neurons(params, hidden, units);
        int h = t.length;
        double[] norms = new double[h];
        Integer[] order = new Integer[h];
        int zero = 0;
        for (int i = 0; i < h; i++) {
            norms[i] = ParameterSymmetries.norm(t[i]);
            order[i] = i;
            if (norms[i] < epsilon) {
                zero++;
            }
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> norms[i]));
        int degree = 0;
        for (int k = 0; k + 1 < h; k++) {
            if (ParameterSymmetries.distance(t[order[k]], t[order[k + 1]]) / Math.sqrt(2) < epsilon) {
                degree++;
            }
        }
        int[] parent = new int[h];
        for (int i = 0; i < h; i++) {
            parent[i] = i;
        }
        int clusters = h;
        for (int i = 0; i < h; i++) {
            for (int j = i + 1; j < h; j++) {
                if (ParameterSymmetries.distance(t[i], t[j]) / Math.sqrt(2) < epsilon) {
                    int a = find(parent, i);
                    int b = find(parent, j);
                    if (a != b) {
                        parent[a] = b;
                        clusters--;
                    }
                }
            }
        }
        return new SymmetryReport(step, loss, hidden, h, degree, h - 1 - degree, clusters, zero,
                weightRank(chain, params, hidden));
    }

    /** The rank (singular values above τ) of Dense layer {@code layer}'s effective weights. */
    public int weightRank(DenseChain chain, Params params, int layer) {
        double[] w = chain.weights(params, layer, Units.EFFECTIVE);
        return Spectra.rank(w, chain.affine(layer).inChannels(), chain.affine(layer).outChannels(), rankThreshold);
    }

    /** The ranks of all Dense layers, the readout included. */
    public int[] weightRanks(DenseChain chain, Params params) {
        int[] r = new int[chain.denseLayers()];
        for (int l = 0; l < r.length; l++) {
            r[l] = weightRank(chain, params, l);
        }
        return r;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    @Override
    public String toString() {
        return "SymmetryMeter[ε=" + epsilon + ", τ=" + rankThreshold + ", " + units + "]";
    }
}

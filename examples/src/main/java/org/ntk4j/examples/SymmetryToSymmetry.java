package org.ntk4j.examples;

import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.erf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ntk4j.core.InputShape;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.Layers;
import org.ntk4j.layers.finite.FiniteNetwork;
import org.ntk4j.layers.finite.GradientDescent;
import org.ntk4j.layers.finite.Params;
import org.ntk4j.symmetry.parameter.DenseChain;
import org.ntk4j.symmetry.parameter.Spectra;
import org.ntk4j.symmetry.parameter.SymmetryMeter;
import org.ntk4j.symmetry.parameter.SymmetryReport;
import org.ntk4j.symmetry.parameter.SymmetryTrajectory;
import org.ntk4j.symmetry.parameter.SymmetryTrajectory.Drop;
import org.ntk4j.symmetry.parameter.SymmetryTrajectory.Event;
import org.ntk4j.symmetry.parameter.SymmetryTrajectory.Kind;
import org.ntk4j.symmetry.parameter.Units;

/**
 * Symmetry-to-symmetry learning (Ziyin et al., Fig. 2, at laptop size): an erf student with 4 hidden
 * layers of width 16 ({@code ntk} parameterisation, no bias) learns a planted linear teacher
 * ({@code x ∈ R^8}, {@code y = x·W*ᵀ}, W*'s singular values 4, 2, 1; 32 train, 200 test) by full-batch
 * gradient descent from an initialisation at scale α. From a small α the student starts in a
 * symmetric state (all neurons of a layer identical within ε: D_s = h − 1, weight rank 0) and leaves
 * it in jumps: each loss drop comes with a weight-rank step 0 → 1 → 2 → 3 and pairs of neurons
 * breaking apart. At α = 1 there is no symmetric state to leave. Thresholds: ε = 0.3 fixed (so a
 * larger α honestly shows no symmetric state), τ = 4× the run's initial largest singular value of
 * the hidden-to-hidden weights (the noise floor of that initialisation).
 *
 * <pre>bin/ntk4j-example SymmetryToSymmetry [--steps 6000] [--eta 1] [--out results/parameter-symmetry]</pre>
 */
public final class SymmetryToSymmetry {
    static final int WIDTH = 16;
    static final int HIDDEN = 4;
    /** Distance threshold ε (effective units): 2× the initial neuron norm at α = 0.1 (≈ 0.14), far below learned neurons. */
    static final double EPSILON = 0.3;
    /** Rank threshold τ: this factor times the largest initial singular value of the hidden-to-hidden weights (effective units). */
    static final double TAU_FACTOR = 4;
    static final int EVERY = 10;
    /** The Dense layer whose rank steps are drawn: W_3, hidden layer 2 to hidden layer 3. */
    static final int RANK_LAYER = 3;
    /** Loss-drop detection: centred window and fraction of the largest log-loss rate. */
    static final int DROP_WINDOW = 50;
    static final double DROP_FRACTION = 0.2;
    static final int SLACK = 50;

    private SymmetryToSymmetry() {
    }

    /** One run: the recorded trajectory and the derived drops and events. */
    record Run(double alpha, double tau, SymmetryTrajectory trajectory, List<Drop> drops, List<Event> events, double[] losses) {
        List<Event> rankSteps(int layer) {
            return events.stream().filter(e -> e.kind() == Kind.RANK_STEP && e.layer() == layer).toList();
        }

        List<Event> pairBreaks() {
            return events.stream().filter(e -> e.kind() == Kind.PAIR_BREAK).toList();
        }

        double fractionInside(List<Event> es) {
            return SymmetryTrajectory.fractionInside(es, drops, SLACK);
        }

        SymmetryReport initial(int hidden) {
            return trajectory.reports().get(0).get(hidden);
        }

        int[] finalRanks() {
            List<int[]> r = trajectory.ranks();
            return r.get(r.size() - 1);
        }
    }

    static Layer student() {
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < HIDDEN; l++) {
            layers.add(dense(WIDTH));
            layers.add(erf());
        }
        layers.add(dense(3));
        return Layers.serial(layers);
    }

    static PlantedTeacher teacher() {
        return PlantedTeacher.of(8, new double[] {4, 2, 1}, 32, 200, 2026);
    }

    static Run run(double alpha, int steps, double eta, long seed) {
        PlantedTeacher data = teacher();
        FiniteNetwork net = FiniteNetwork.of(student(), new InputShape(new int[0], 8));
        DenseChain chain = DenseChain.of(net);
        Params p0 = net.init(new SplittableRandom(seed), alpha);
        double tau = TAU_FACTOR * initialSigmaMax(chain, p0);
        SymmetryTrajectory t = new SymmetryTrajectory(chain, SymmetryMeter.of(EPSILON, tau), EVERY);
        GradientDescent.of(net, data.xTrain(), data.yTrain()).learningRate(eta).train(p0, steps, t);
        return new Run(alpha, tau, t, t.drops(DROP_WINDOW, DROP_FRACTION), t.events(), t.losses());
    }

    /** The largest singular value of the hidden-to-hidden weights W_1 … W_{H−1} at initialisation: the noise floor. */
    static double initialSigmaMax(DenseChain chain, Params p0) {
        double max = 0;
        for (int l = 1; l < HIDDEN; l++) {
            max = Math.max(max, Spectra.singularValues(chain.weights(p0, l, Units.EFFECTIVE), WIDTH, WIDTH)[0]);
        }
        return max;
    }

    public static void main(String[] argv) throws IOException {
        Args args = new Args(argv);
        int steps = args.integer("steps", 6000);
        double eta = Double.parseDouble(args.get("eta", "1"));
        long seed = args.seed("seed", 1);
        Path out = args.path("out", "results/parameter-symmetry");
        Files.createDirectories(out);
        double[] alphas = java.util.Arrays.stream(args.get("alphas", "0.05,0.1,0.3,1").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        LinePlot loss = new LinePlot("Symmetry-to-symmetry: erf student, 4×16, planted teacher (s = 4, 2, 1)", "step",
                "training loss", false, true);
        LinePlot rank = new LinePlot("Weight rank of W_3 (hidden 2 → 3) and broken pairs (α = 0.1 vs 1)", "step",
                "count", false, false);
        Run small = null;
        for (double alpha : alphas) {
            long start = System.nanoTime();
            Run r = run(alpha, steps, eta, seed);
            double[] l = r.losses();
            System.out.printf(Locale.ROOT, "α = %.2f: loss %.4g -> %.4g (%.2f%%), τ = %.3g, %.1f s%n", alpha, l[0],
                    l[l.length - 1], 100 * l[l.length - 1] / l[0], r.tau(), (System.nanoTime() - start) / 1e9);
            System.out.printf(Locale.ROOT, "  init D_s per hidden layer: %s, distinct: %s%n", field(r, true), field(r, false));
            System.out.println("  drops (" + r.drops().size() + "): " + r.drops().subList(0, Math.min(8, r.drops().size())));
            for (int layer = 0; layer <= HIDDEN; layer++) {
                System.out.println("  rank steps of Dense " + layer + ": " + r.rankSteps(layer).stream()
                        .map(e -> e.from() + "->" + e.to() + "@" + e.step()).toList());
            }
            System.out.printf(Locale.ROOT, "  pair-breaking events: %d, inside drops: %.0f%%; rank steps inside drops: %.0f%%%n",
                    r.pairBreaks().size(), 100 * r.fractionInside(r.pairBreaks()),
                    100 * r.fractionInside(r.events().stream().filter(e -> e.kind() == Kind.RANK_STEP).toList()));
            double[] x = new double[l.length / 20];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = 20 * i;
                y[i] = l[20 * i];
            }
            loss.add(new LinePlot.Series(String.format(Locale.ROOT, "α = %.2f", alpha), x, y, null, true));
            if (alpha == 0.1) {
                small = r;
            }
            if (alpha == 0.1 || alpha == 1) {
                int[] s = r.trajectory().sampleSteps();
                double[] rk = new double[s.length];
                double[] br = new double[s.length];
                double[] xs = new double[s.length];
                for (int i = 0; i < s.length; i++) {
                    xs[i] = s[i];
                    rk[i] = r.trajectory().ranks().get(i)[RANK_LAYER];
                    br[i] = r.trajectory().reports().get(i).get(2).brokenPairs();
                }
                rank.add(new LinePlot.Series(String.format(Locale.ROOT, "rank W_3, α = %.2f", alpha), xs, rk, null, true));
                rank.add(new LinePlot.Series(String.format(Locale.ROOT, "broken pairs, hidden 2, α = %.2f", alpha), xs, br,
                        null, true));
            }
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double v : small.losses()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        loss.add(new LinePlot.Series("α = 0.1: rank steps of W_3 (dashed verticals)", verticals(small.rankSteps(RANK_LAYER), lo, hi, true),
                verticals(small.rankSteps(RANK_LAYER), lo, hi, false), null, true));
        loss.write(out.resolve("symmetry_to_symmetry_loss.png"));
        rank.write(out.resolve("symmetry_to_symmetry_rank.png"));
        System.out.println("wrote " + out.resolve("symmetry_to_symmetry_loss.png") + " and _rank.png");
    }

    private static String field(Run r, boolean degree) {
        List<Integer> v = new ArrayList<>();
        for (int l = 0; l < HIDDEN; l++) {
            v.add(degree ? r.initial(l).degree() : r.initial(l).distinctNeurons());
        }
        return v.toString();
    }

    /** x (or y) coordinates of vertical lines at the events, separated by NaN so LinePlot breaks the line. */
    private static double[] verticals(List<Event> events, double lo, double hi, boolean x) {
        double[] v = new double[3 * events.size()];
        for (int i = 0; i < events.size(); i++) {
            v[3 * i] = x ? events.get(i).step() : lo;
            v[3 * i + 1] = x ? events.get(i).step() : hi;
            v[3 * i + 2] = Double.NaN;
        }
        return v;
    }
}

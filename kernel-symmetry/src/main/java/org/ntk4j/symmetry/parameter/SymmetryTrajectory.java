package org.ntk4j.symmetry.parameter;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.layers.finite.GradientDescent;
import org.ntk4j.layers.finite.Params;

/**
 * Records a gradient-descent run ({@link GradientDescent#train(Params, int, GradientDescent.Listener)}):
 * the loss at every step and, every {@code every} steps, the {@link SymmetryReport}s of all hidden
 * layers and the weight ranks of all Dense layers. Afterwards it finds the loss drops and the
 * symmetry-breaking events (a layer's broken pairs or a weight rank going up between two samples) and
 * says which events fall inside drops: the "symmetry-to-symmetry" picture of Ziyin et al., where a
 * small initialisation sits in a symmetric state (a saddle) and leaves it in jumps that coincide with
 * loss drops.
 */
public final class SymmetryTrajectory implements GradientDescent.Listener {
    /** What changed at an event. */
    public enum Kind {
        /** More broken adjacent pairs (D_s fell) in a hidden layer. */
        PAIR_BREAK,
        /** A Dense layer's weight rank went up. */
        RANK_STEP
    }

    /**
     * A symmetry-breaking event, seen at the first sample {@code step} after it happened.
     *
     * @param layer hidden-layer index (PAIR_BREAK) or Dense-layer index (RANK_STEP)
     * @param from  broken pairs or rank at the previous sample
     * @param to    the same at {@code step}
     */
    public record Event(int step, Kind kind, int layer, int from, int to) {
    }

    /** A loss drop: steps {@code start..end} (inclusive) where the loss falls fast. */
    public record Drop(int start, int end) {
        public boolean contains(int step, int slack) {
            return step >= start - slack && step <= end + slack;
        }
    }

    private final DenseChain chain;
    private final SymmetryMeter meter;
    private final int every;
    private double[] losses = new double[1024];
    private int steps;
    private final List<List<SymmetryReport>> reports = new ArrayList<>();
    private final List<int[]> ranks = new ArrayList<>();

    /**
     * A recorder measuring with {@code meter} every {@code every} steps.
     *
     * @throws IllegalArgumentException when {@code every < 1}
     */
    public SymmetryTrajectory(DenseChain chain, SymmetryMeter meter, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("sampling interval must be ≥ 1 step, got " + every);
        }
        this.chain = chain;
        this.meter = meter;
        this.every = every;
    }

    @Override
    public void onStep(int step, Params params, double loss) {
        if (step != steps) {
            throw new IllegalStateException("expected step " + steps + ", got " + step + " (one recorder per run)");
        }
        if (steps == losses.length) {
            losses = java.util.Arrays.copyOf(losses, 2 * steps);
        }
        losses[steps++] = loss;
        if (step % every == 0) {
            reports.add(meter.measure(chain, params, step, loss));
            ranks.add(meter.weightRanks(chain, params));
        }
    }

    /** The loss at steps 0, 1, …. */
    public double[] losses() {
        return java.util.Arrays.copyOf(losses, steps);
    }

    /** Per sample (steps 0, every, 2·every, …), the reports of all hidden layers. */
    public List<List<SymmetryReport>> reports() {
        return List.copyOf(reports);
    }

    /** Per sample, the weight ranks of all Dense layers. */
    public List<int[]> ranks() {
        return ranks.stream().map(int[]::clone).toList();
    }

    public int every() {
        return every;
    }

    /** The steps at which samples were taken. */
    public int[] sampleSteps() {
        int[] s = new int[reports.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = i * every;
        }
        return s;
    }

    /**
     * The loss drops: maximal runs of steps t whose log-loss rate, the mean of {@code ln L} over the
     * {@code w} steps before t minus its mean over the {@code w} steps after, divided by {@code w + 1}
     * (averaging out period-2 oscillations of a large step size), is at least {@code fraction} of the
     * run's largest rate. Log rates treat a drop from 1 to 0.1 like one from 0.01 to 0.001, so late
     * small drops count.
     *
     * @throws IllegalArgumentException when {@code window < 1} or {@code fraction} is not in (0, 1]
     */
    public List<Drop> drops(int window, double fraction) {
        if (window < 1 || !(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("need window ≥ 1 and 0 < fraction ≤ 1, got " + window + ", " + fraction);
        }
        int n = steps;
        double[] prefix = new double[n + 1];
        for (int t = 0; t < n; t++) {
            prefix[t + 1] = prefix[t] + log(losses[t]);
        }
        double[] rate = new double[n];
        double max = 0;
        for (int t = window; t + window < n; t++) {
            double before = (prefix[t] - prefix[t - window]) / window;
            double after = (prefix[t + window + 1] - prefix[t + 1]) / window;
            rate[t] = (before - after) / (window + 1.0);
            max = Math.max(max, rate[t]);
        }
        List<Drop> out = new ArrayList<>();
        if (max <= 0) {
            return out;
        }
        int start = -1;
        for (int t = 0; t <= n; t++) {
            boolean in = t < n && rate[t] >= fraction * max;
            if (in && start < 0) {
                start = t;
            } else if (!in && start >= 0) {
                out.add(new Drop(start, t - 1));
                start = -1;
            }
        }
        return out;
    }

    /** Every symmetry-breaking event, in step order (pair breaks per hidden layer, then rank steps per Dense layer). */
    public List<Event> events() {
        List<Event> out = new ArrayList<>();
        for (int s = 1; s < reports.size(); s++) {
            int step = s * every;
            for (int l = 0; l < chain.hiddenLayers(); l++) {
                int a = reports.get(s - 1).get(l).brokenPairs();
                int b = reports.get(s).get(l).brokenPairs();
                if (b > a) {
                    out.add(new Event(step, Kind.PAIR_BREAK, l, a, b));
                }
            }
            for (int l = 0; l < chain.denseLayers(); l++) {
                int a = ranks.get(s - 1)[l];
                int b = ranks.get(s)[l];
                if (b > a) {
                    out.add(new Event(step, Kind.RANK_STEP, l, a, b));
                }
            }
        }
        return out;
    }

    /** The events of one kind. */
    public List<Event> events(Kind kind) {
        return events().stream().filter(e -> e.kind() == kind).toList();
    }

    /** Whether {@code step} lies in one of {@code drops}, allowing {@code slack} steps either side. */
    public static boolean insideDrops(int step, List<Drop> drops, int slack) {
        return drops.stream().anyMatch(d -> d.contains(step, slack));
    }

    /** The fraction of {@code events} inside {@code drops} (NaN for none). */
    public static double fractionInside(List<Event> events, List<Drop> drops, int slack) {
        if (events.isEmpty()) {
            return Double.NaN;
        }
        return (double) events.stream().filter(e -> insideDrops(e.step(), drops, slack)).count() / events.size();
    }

    private static double log(double v) {
        return Math.log(Math.max(v, Double.MIN_NORMAL));
    }
}

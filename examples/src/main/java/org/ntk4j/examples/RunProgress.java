package org.ntk4j.examples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ntk4j.core.GramJob;
import org.ntk4j.core.GramProgress;
import org.ntk4j.core.TextProgress;

/**
 * One progress bar with an ETA for a whole run of many Gram builds whose cost per entry differs by
 * orders of magnitude (an FCN entry costs microseconds, a pooled one milliseconds). Every build is
 * declared up front with {@link #add} under a cost class (e.g. the architecture) and a prior
 * estimate of seconds per entry; the bar advances in estimated seconds of work, and the ETA uses
 * the measured seconds per entry of each class once it has run, the prior scaled by the machine's
 * measured speed (measured / prior of the classes seen so far) before. Builds run one after the
 * other, in any order.
 */
final class RunProgress {
    private final TextProgress text;
    private final String label;
    private final Map<String, double[]> classes = new LinkedHashMap<>(); // {prior s/entry, planned, done entries, seconds}
    private long startNanos;
    private long buildStartNanos;
    private String current = "";
    private double shownFraction;

    RunProgress(String label) {
        this(System.err, System.console() != null, label);
    }

    RunProgress(PrintStream out, boolean interactive, String label) {
        this.text = new TextProgress(out, interactive);
        this.label = label;
    }

    /** Declares a build of {@code n1 × n2} inputs ({@code symmetric} when X2 = X1) of cost class {@code key}. */
    RunProgress add(String key, double priorSecondsPerEntry, long n1, long n2, boolean symmetric) {
        double[] c = classes.computeIfAbsent(key, k -> new double[] {priorSecondsPerEntry, 0, 0, 0});
        c[1] += GramJob.entries(n1, n2, symmetric);
        return this;
    }

    /** The listener of the next build, of class {@code key}, described as {@code what} in the bar. */
    GramProgress next(String key, String what) {
        double[] c = classes.get(key);
        if (c == null) {
            throw new IllegalArgumentException("no build of class " + key + " was declared");
        }
        if (startNanos == 0) {
            startNanos = System.nanoTime();
        }
        current = what;
        buildStartNanos = System.nanoTime();
        double doneBefore = c[2];
        double secondsBefore = c[3];
        return new GramProgress() {
            @Override
            public void update(long done, long entries, double rate, double eta) {
                c[2] = doneBefore + done;
                c[3] = secondsBefore + (System.nanoTime() - buildStartNanos) / 1e9;
                draw();
            }

            @Override
            public void finished(long done, long entries, double seconds) {
                c[2] = doneBefore + done;
                c[3] = secondsBefore + (System.nanoTime() - buildStartNanos) / 1e9;
                draw();
            }
        };
    }

    /** Ends the bar with the total time. */
    void finished() {
        text.end(String.format(Locale.ROOT, "%s: done in %s", label, TextProgress.formatSeconds(elapsed())));
    }

    private void draw() {
        double[] state = state();
        double total = state[0] + state[1];
        // The estimate of the work left changes as classes are measured: the bar never moves back.
        shownFraction = Math.max(shownFraction, total > 0 ? state[0] / total : 1);
        long done = Math.round(1000 * shownFraction);
        text.update(done, 1000, () -> line(done, state[1]));
    }

    String line(long permille, double eta) {
        return String.format(Locale.ROOT, "%s %s  %s  elapsed %s  ETA %s", label, TextProgress.bar(permille, 1000),
                current, TextProgress.formatSeconds(elapsed()), TextProgress.formatSeconds(eta));
    }

    /** {estimated seconds of work done, estimated seconds left}. */
    double[] state() {
        double measured = 0;
        double priorOfMeasured = 0;
        for (double[] c : classes.values()) {
            if (measured(c)) {
                measured += c[3];
                priorOfMeasured += c[0] * c[2];
            }
        }
        double speed = priorOfMeasured > 0 ? measured / priorOfMeasured : 1;
        double done = 0;
        double left = 0;
        for (double[] c : classes.values()) {
            double perEntry = measured(c) ? c[3] / c[2] : c[0] * speed;
            done += c[2] * perEntry;
            left += Math.max(0, c[1] - c[2]) * perEntry;
        }
        return new double[] {done, left};
    }

    /** A class's own rate is trusted after 2 s of it or once all its builds are done. */
    private static boolean measured(double[] c) {
        return c[2] > 0 && (c[3] >= 2 || c[2] >= c[1]);
    }

    private double elapsed() {
        return startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e9;
    }
}

package org.ntk4j.examples;

import org.ntk4j.core.ConsoleProgressBar;
import org.ntk4j.core.GramJob;
import org.ntk4j.core.GramProgress;

/**
 * One progress bar over several Gram builds of a stage (e.g. all cells of one architecture):
 * the stage's total is the sum of the builds' entries, declared up front with {@link #add}, so
 * the bar and its ETA run once from 0 to 100 % instead of restarting for every Gram. Builds must
 * run one after the other, in the order they were added.
 */
final class StageProgress {
    private final ConsoleProgressBar bar;
    private long total;
    private long finishedEntries;
    private long startNanos;

    /** A bar labelled {@code label} on stderr (see {@link ConsoleProgressBar}). */
    StageProgress(String label) {
        this(new ConsoleProgressBar(label));
    }

    StageProgress(ConsoleProgressBar bar) {
        this.bar = bar;
    }

    /** Declares a build of {@code n1 × n2} inputs ({@code symmetric} when X2 = X1); returns this. */
    StageProgress add(long n1, long n2, boolean symmetric) {
        total += GramJob.entries(n1, n2, symmetric);
        return this;
    }

    /** The listener for the next build; starts the clock on first use. */
    GramProgress next() {
        if (startNanos == 0) {
            startNanos = System.nanoTime();
        }
        long base = finishedEntries;
        return new GramProgress() {
            @Override
            public void update(long done, long entries, double rate, double eta) {
                report(base + done);
            }

            @Override
            public void finished(long done, long entries, double seconds) {
                finishedEntries = base + entries;
                if (finishedEntries >= total) {
                    bar.finished(total, total, elapsed());
                }
            }
        };
    }

    private void report(long done) {
        double seconds = elapsed();
        double rate = seconds > 0 ? done / seconds : 0;
        bar.update(done, total, rate, rate > 0 ? (total - done) / rate : Double.POSITIVE_INFINITY);
    }

    private double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}

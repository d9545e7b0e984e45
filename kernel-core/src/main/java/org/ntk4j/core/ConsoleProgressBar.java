package org.ntk4j.core;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar on a stream (stderr by default):
 * {@code [##########----------]  50%  5000/10000 entries  812.4/s  ETA 0:06}. Redraws in place
 * at most five times a second; when the stream is not a terminal it prints a line every 10%.
 */
public final class ConsoleProgressBar implements GramProgress {
    private final TextProgress text;
    private final String label;

    public ConsoleProgressBar(String label) {
        this(System.err, System.console() != null, label);
    }

    public ConsoleProgressBar(PrintStream out, boolean interactive, String label) {
        this.text = new TextProgress(out, interactive);
        this.label = label;
    }

    @Override
    public void update(long done, long total, double rate, double eta) {
        text.update(done, total, () -> line(done, total, rate, eta));
    }

    @Override
    public void finished(long done, long total, double seconds) {
        text.end(String.format(Locale.ROOT, "%s: %d/%d entries in %.1f s (%.1f/s)", label, done, total, seconds,
                seconds > 0 ? done / seconds : 0.0));
    }

    /** The bar for the given state, without line breaks. */
    public String line(long done, long total, double rate, double eta) {
        return String.format(Locale.ROOT, "%s %s  %d/%d entries  %.1f/s  ETA %s", label, TextProgress.bar(done, total),
                done, total, rate, TextProgress.formatSeconds(eta));
    }
}

package org.ntk4j.core;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar on a stream (stderr by default):
 * {@code [##########----------]  50%  5000/10000 entries  812.4/s  ETA 0:06}. Redraws in place
 * at most five times a second; when the stream is not a terminal it prints a line every 10%.
 */
public final class ConsoleProgressBar implements GramProgress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean interactive;
    private final String label;
    private long lastDrawNanos;
    private int lastDecile = -1;

    public ConsoleProgressBar(String label) {
        this(System.err, System.console() != null, label);
    }

    public ConsoleProgressBar(PrintStream out, boolean interactive, String label) {
        this.out = out;
        this.interactive = interactive;
        this.label = label;
    }

    @Override
    public void update(long done, long total, double rate, double eta) {
        long now = System.nanoTime();
        int decile = total == 0 ? 10 : (int) (10 * done / total);
        if (interactive) {
            if (now - lastDrawNanos < 200_000_000L && done < total) {
                return;
            }
            lastDrawNanos = now;
            out.print('\r' + line(done, total, rate, eta));
            out.flush();
        } else if (decile != lastDecile) {
            lastDecile = decile;
            out.println(line(done, total, rate, eta));
        }
    }

    @Override
    public void finished(long done, long total, double seconds) {
        String end = String.format(Locale.ROOT, "%s: %d/%d entries in %.1f s (%.1f/s)", label, done, total, seconds,
                seconds > 0 ? done / seconds : 0.0);
        out.println(interactive ? '\r' + end + " ".repeat(20) : end);
        out.flush();
    }

    /** The bar for the given state, without line breaks. */
    public String line(long done, long total, double rate, double eta) {
        double frac = total == 0 ? 1.0 : (double) done / total;
        int filled = (int) Math.round(frac * WIDTH);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %d/%d entries  %.1f/s  ETA %s", label,
                "#".repeat(filled), "-".repeat(WIDTH - filled), (int) Math.floor(frac * 100), done, total, rate,
                formatSeconds(eta));
    }

    static String formatSeconds(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        long t = Math.round(s);
        long h = t / 3600, m = (t % 3600) / 60, sec = t % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}

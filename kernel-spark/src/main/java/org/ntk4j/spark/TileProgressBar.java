package org.ntk4j.spark;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar of a {@link SparkGram} build on a stream:
 * {@code spark [#######-----]  45%  120/266 tiles (12 restored)  8102.4 entries/s  ETA 3:02}.
 * Redraws in place at most five times a second on a terminal; otherwise prints a line every 10%.
 */
public final class TileProgressBar implements SparkGramProgress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean interactive;
    private final String label;
    private long lastDrawNanos;
    private int lastDecile = -1;

    public TileProgressBar(PrintStream out, boolean interactive, String label) {
        this.out = out;
        this.interactive = interactive;
        this.label = label;
    }

    @Override
    public void update(SparkGramStatus s) {
        long now = System.nanoTime();
        if (interactive) {
            if (now - lastDrawNanos < 200_000_000L && s.tilesDone() < s.tilesTotal()) {
                return;
            }
            lastDrawNanos = now;
            out.print('\r' + line(s));
            out.flush();
        } else {
            int decile = s.tilesTotal() == 0 ? 10 : 10 * s.tilesDone() / s.tilesTotal();
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line(s));
            }
        }
    }

    @Override
    public void finished(SparkGramStatus s) {
        String end = String.format(Locale.ROOT, "%s: %d/%d tiles (%d restored), %d/%d entries in %.1f s (%.1f entries/s)",
                label, s.tilesDone(), s.tilesTotal(), s.tilesRestored(), s.entriesDone(), s.entriesTotal(), s.seconds(),
                s.entriesPerSecond());
        out.println(interactive ? '\r' + end + " ".repeat(20) : end);
        out.flush();
    }

    /** The bar for a status, without line breaks. */
    public String line(SparkGramStatus s) {
        double frac = s.tilesTotal() == 0 ? 1.0 : (double) s.tilesDone() / s.tilesTotal();
        int filled = (int) Math.round(frac * WIDTH);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %d/%d tiles (%d restored)  %.1f entries/s  ETA %s", label,
                "#".repeat(filled), "-".repeat(WIDTH - filled), (int) Math.floor(frac * 100), s.tilesDone(),
                s.tilesTotal(), s.tilesRestored(), s.entriesPerSecond(), formatSeconds(s.etaSeconds()));
    }

    static String formatSeconds(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        long t = Math.round(s);
        long h = t / 3600, m = (t % 3600) / 60, sec = t % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}

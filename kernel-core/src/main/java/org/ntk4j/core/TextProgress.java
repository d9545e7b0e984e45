package org.ntk4j.core;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the text progress bars ({@link ConsoleProgressBar}, Spark's tile bar) share: when to draw —
 * in place at most five times a second on a terminal (always at completion), otherwise one line
 * per 10% — and the bar {@code [#######-----]  45%} and {@code ETA} formats. One per bar; not
 * thread-safe.
 */
public final class TextProgress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean interactive;
    private long lastDrawNanos;
    private int lastDecile = -1;

    /** Draws on {@code out}, in place when {@code interactive} (a terminal). */
    public TextProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** Draws {@code line} if one is due at {@code done} of {@code total}. */
    public void update(long done, long total, Supplier<String> line) {
        if (interactive) {
            long now = System.nanoTime();
            if (now - lastDrawNanos < 200_000_000L && done < total) {
                return;
            }
            lastDrawNanos = now;
            out.print('\r' + line.get());
            out.flush();
        } else {
            int decile = total == 0 ? 10 : (int) (10 * done / total);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line.get());
            }
        }
    }

    /** Ends the bar with a summary line (overwriting the bar on a terminal). */
    public void end(String summary) {
        out.println(interactive ? '\r' + summary + " ".repeat(20) : summary);
        out.flush();
    }

    /** {@code [####------]  40%} for {@code done} of {@code total} (100% when total is 0). */
    public static String bar(long done, long total) {
        double frac = total == 0 ? 1.0 : (double) done / total;
        int filled = (int) Math.round(frac * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3d%%", "#".repeat(filled), "-".repeat(WIDTH - filled),
                (int) Math.floor(frac * 100));
    }

    /** Seconds as {@code m:ss} or {@code h:mm:ss}; {@code ?} when not finite. */
    public static String formatSeconds(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        long t = Math.round(s);
        long h = t / 3600, m = (t % 3600) / 60, sec = t % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}

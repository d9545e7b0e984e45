package org.ntk4j.spark;

import java.io.PrintStream;
import java.util.Locale;
import org.ntk4j.core.TextProgress;

/**
 * A text progress bar of a {@link SparkGram} build on a stream:
 * {@code spark [#######-----]  45%  120/266 tiles (12 restored)  8102.4 entries/s  ETA 3:02}.
 * Redraws in place at most five times a second on a terminal; otherwise prints a line every 10%.
 */
public final class TileProgressBar implements SparkGramProgress {
    private final TextProgress text;
    private final PrintStream out;
    private final boolean interactive;
    private final String label;

    public TileProgressBar(PrintStream out, boolean interactive, String label) {
        this.text = new TextProgress(out, interactive);
        this.out = out;
        this.interactive = interactive;
        this.label = label;
    }

    @Override
    public void update(SparkGramStatus s) {
        text.update(s.tilesDone(), s.tilesTotal(), () -> line(s));
    }

    @Override
    public void finished(SparkGramStatus s) {
        text.end(String.format(Locale.ROOT, "%s: %d/%d tiles (%d restored), %d/%d entries in %.1f s (%.1f entries/s)",
                label, s.tilesDone(), s.tilesTotal(), s.tilesRestored(), s.entriesDone(), s.entriesTotal(), s.seconds(),
                s.entriesPerSecond()));
    }

    /** Prints the warning on its own line, {@code LABEL: warning: MESSAGE}; the bar goes on below it. */
    @Override
    public void warning(String message) {
        String line = label + ": warning: " + message;
        out.println(interactive ? "\r" + line : line);
        out.flush();
    }

    /** The bar for a status, without line breaks. */
    public String line(SparkGramStatus s) {
        return String.format(Locale.ROOT, "%s %s  %d/%d tiles (%d restored)  %.1f entries/s  ETA %s", label,
                TextProgress.bar(s.tilesDone(), s.tilesTotal()), s.tilesDone(), s.tilesTotal(), s.tilesRestored(),
                s.entriesPerSecond(), TextProgress.formatSeconds(s.etaSeconds()));
    }
}

package org.ntk4j.symmetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ntk4j.core.io.Png;

/**
 * The measured Theorem 4.1 table: one {@link Theorem41Cell} per (architecture, group), rendered as
 * Markdown, CSV or a PNG heat map of log10 deviation.
 */
public final class Theorem41Result {
    private final List<Architecture> rows;
    private final List<String> columns;
    private final List<Theorem41Cell> cells;
    private final String setup;

    Theorem41Result(List<Architecture> rows, List<String> columns, List<Theorem41Cell> cells, String setup) {
        this.rows = List.copyOf(rows);
        this.columns = List.copyOf(columns);
        this.cells = List.copyOf(cells);
        this.setup = setup;
    }

    /** The rows, in order. */
    public List<Architecture> rows() {
        return rows;
    }

    /** The column (group) names, in order. */
    public List<String> columns() {
        return columns;
    }

    /** All cells, row by row. */
    public List<Theorem41Cell> cells() {
        return cells;
    }

    /** The cell of {@code row} and column {@code column} (a column name). */
    public Theorem41Cell cell(Architecture row, String column) {
        return cells.stream().filter(c -> c.architecture() == row && c.column().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cell (" + row + ", " + column + ") in columns "
                        + columns));
    }

    /** A line saying what was measured: inputs, network hyper-parameters, samples, seed. */
    public String setup() {
        return setup;
    }

    /** The cells whose measurement contradicts the theorem. */
    public List<Theorem41Cell> disagreements() {
        return cells.stream().filter(c -> !c.agrees()).toList();
    }

    /** Whether every cell agrees with the theorem. */
    public boolean allAgree() {
        return disagreements().isEmpty();
    }

    /** The table in Markdown: per cell the deviation (max of NNGP and NTK), the prediction and the verdict. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# Theorem 4.1 (Xiao & Pennington): kernel invariance, measured\n\n");
        sb.append(setup).append("\n\nCell: max over NNGP and NTK of max|K(τX, τX) − K(X, X)| / max|K(X, X)|, "
                + "max over samples τ; `inv` = Theorem 4.1 predicts invariance (agrees when ≤ "
                + Theorem41Cell.INVARIANT_MAX + "), `not` = no invariance predicted (agrees when ≥ "
                + Theorem41Cell.BROKEN_MIN + "); ✓ agrees, ✗ DISAGREES.\n\n|  |");
        for (String c : columns) {
            sb.append(' ').append(c).append(" |");
        }
        sb.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
        boolean footnote = false;
        for (Architecture row : rows) {
            sb.append("| ").append(row).append(" |");
            for (String column : columns) {
                Theorem41Cell c = cell(row, column);
                boolean substituted = !c.measuredGroup().equals(column);
                footnote |= substituted;
                sb.append(' ').append(format(c.deviation().max())).append(c.predictedInvariant() ? " inv " : " not ")
                        .append(c.agrees() ? "✓" : "✗").append(substituted ? " †" : "").append(" |");
            }
            sb.append('\n');
        }
        if (footnote) {
            sb.append("\n† measured with the subgroup named in the CSV's `measured_group` column: for LAP, "
                    + "translations by multiples of its pooling window, the shifts Theorem 4.1 covers "
                    + "(LAP is not invariant under unit shifts).\n");
        }
        sb.append("\n").append(allAgree() ? "Every cell agrees with Theorem 4.1."
                : disagreements().size() + " cell(s) DISAGREE with Theorem 4.1.").append('\n');
        return sb.toString();
    }

    /** One line per cell: architecture, column, measured group, NNGP, NTK and max deviation, prediction, verdict. */
    public String csv() {
        StringBuilder sb = new StringBuilder(
                "architecture,column,measured_group,nngp_deviation,ntk_deviation,deviation,predicted_invariant,agrees\n");
        for (Theorem41Cell c : cells) {
            Deviation d = c.deviation();
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%.6e,%.6e,%.6e,%b,%b%n", c.architecture(), c.column(),
                    c.measuredGroup(), d.nngp(), d.ntk(), d.max(), c.predictedInvariant(), c.agrees()));
        }
        return sb.toString();
    }

    /**
     * Writes {@code theorem41.md}, {@code theorem41.csv} and {@code theorem41.png} (heat map of
     * log10 deviation) into {@code dir}, creating it if needed.
     *
     * @return the three paths, in that order
     */
    public List<Path> writeReport(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path md = dir.resolve("theorem41.md");
        Path csv = dir.resolve("theorem41.csv");
        Path png = dir.resolve("theorem41.png");
        Files.writeString(md, markdown(), StandardCharsets.UTF_8);
        Files.writeString(csv, csv(), StandardCharsets.UTF_8);
        Png.write(HeatMap.render(this), png);
        return List.of(md, csv, png);
    }

    /** Deviation as {@code 1.2e-16}, or {@code 0}. */
    static String format(double d) {
        return d == 0 ? "0" : String.format(Locale.ROOT, "%.1e", d);
    }

    @Override
    public String toString() {
        return markdown();
    }
}

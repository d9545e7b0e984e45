package org.ntk4j.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

/**
 * Reads comma-separated numbers into a DOUBLE matrix (rows, columns), plain or gzipped. Fields
 * are trimmed; blank lines are skipped; {@code nan}, {@code inf}, {@code -inf} are accepted as in
 * numpy's output. An optional header line is either declared or, with {@link #read(Path)},
 * detected: the first line is a header when one of its fields is not a number.
 *
 * <p>A row with a different field count from the first line (header or data), a non-numeric field (line and column given) or a file without data rows is an
 * {@link IllegalArgumentException} naming the file; a missing file a
 * {@link java.nio.file.NoSuchFileException}.
 */
public final class Csv {
    private Csv() {
    }

    /** Reads {@code file}, skipping the first line if it is a header (a field that is not a number). */
    public static INDArray read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads {@code file}; {@code header} true skips the first line, false requires it to be data,
     * null detects it.
     */
    public static INDArray read(Path file, Boolean header) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(DataFiles.open(file, "CSV file"), StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            boolean first = true;
            int columns = -1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (columns < 0) {
                    columns = fields.length;
                }
                if (first) {
                    first = false;
                    boolean skip = header != null ? header : !allNumbers(fields);
                    if (skip) {
                        continue;
                    }
                }
                rows.add(parse(fields, file, lineNo, columns));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no data rows in the CSV file");
        }
        Ntk4j.init();
        return Nd4j.create(rows.toArray(new double[0][]));
    }

    private static boolean allNumbers(String[] fields) {
        for (String f : fields) {
            if (number(f) == null) {
                return false;
            }
        }
        return true;
    }

    private static double[] parse(String[] fields, Path file, int lineNo, int columns) {
        if (fields.length != columns) {
            throw new IllegalArgumentException(file + ": line " + lineNo + " has " + fields.length + " fields, expected "
                    + columns + " like the first line");
        }
        double[] row = new double[columns];
        for (int j = 0; j < columns; j++) {
            Double v = number(fields[j]);
            if (v == null) {
                throw new IllegalArgumentException(file + ": line " + lineNo + ", column " + (j + 1) + ": '"
                        + fields[j].trim() + "' is not a number");
            }
            row[j] = v;
        }
        return row;
    }

    private static Double number(String field) {
        String s = field.trim();
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "+inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (s.isEmpty() || !Character.isDigit(s.charAt(s.length() - 1)) && s.charAt(s.length() - 1) != '.') {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

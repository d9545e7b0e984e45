package org.ntk4j.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks batches of inputs and converts them between ND4J arrays and flat per-input rows. */
public final class Inputs {
    private Inputs() {
    }

    /** The per-input shape of a batch {@code (N, ...)}, rejecting empty batches and bad ranks. */
    public static InputShape shapeOf(INDArray x, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        long[] shape = x.shape();
        if (shape.length < 2 || shape.length > 5) {
            throw new IllegalArgumentException(name + " must have shape (N, D), (N, W, C) or (N, H, W, C), got "
                    + Arrays.toString(shape).replace('[', '(').replace(']', ')') + " (" + shape.length + " axes)");
        }
        if (shape[0] == 0) {
            throw new IllegalArgumentException(name + " is an empty batch: shape " + Arrays.toString(shape));
        }
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] == 0) {
                throw new IllegalArgumentException(name + " has a zero-length axis: shape " + Arrays.toString(shape));
            }
        }
        return InputShape.ofBatchShape(shape);
    }

    /** Checks that {@code x2}'s per-input shape equals {@code x1}'s. */
    public static InputShape commonShape(INDArray x1, INDArray x2) {
        InputShape s1 = shapeOf(x1, "x1");
        InputShape s2 = shapeOf(x2, "x2");
        if (!s1.equals(s2)) {
            throw new IllegalArgumentException("x1 and x2 must have the same per-input shape (spatial dims and channels): x1 "
                    + dims(x1.shape()) + " vs x2 " + dims(x2.shape()));
        }
        return s1;
    }

    /** A batch's shape with its axes named, e.g. {@code (N, H, W, C) = (7, 28, 28, 1)}. */
    static String dims(long[] shape) {
        String names = switch (shape.length) {
            case 2 -> "(N, D)";
            case 3 -> "(N, W, C)";
            case 4 -> "(N, H, W, C)";
            default -> "(N, ...)";
        };
        return names + " = " + Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    /**
     * The inputs as flat channels-last rows (C order), {@code rows[n][p·C + c]}, rejecting NaN and
     * infinite values with the offending index.
     */
    public static double[][] rows(INDArray x, String name) {
        InputShape shape = shapeOf(x, name);
        int n = Math.toIntExact(x.size(0));
        int size = shape.size();
        double[] all = x.dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(all, i * size, (i + 1) * size);
            for (int j = 0; j < size; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException(name + " contains a non-finite value (" + rows[i][j]
                            + ") in input " + i + " at flat index " + j + "; inputs must be finite");
                }
            }
        }
        return rows;
    }

    /**
     * The SHA-256 (hex) of the rows' doubles, row after row, 8 little-endian bytes each: what a Gram
     * checkpoint's manifest records as {@code x1} and {@code x2}.
     */
    public static String fingerprint(double[][] rows) {
        return Sha256.of(rows);
    }

    /** Rows of flattened channels-last inputs as an ND4J batch {@code (N, spatial..., C)}. */
    public static INDArray toNd4j(double[][] rows, InputShape shape) {
        Ntk4j.init();
        if (rows.length == 0) {
            throw new IllegalArgumentException("empty batch: no inputs");
        }
        int size = shape.size();
        double[] flat = new double[rows.length * size];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != size) {
                throw new IllegalArgumentException("input " + i + " has " + rows[i].length + " values, expected "
                        + size + " for input shape " + shape);
            }
            System.arraycopy(rows[i], 0, flat, i * size, size);
        }
        int[] sp = shape.spatial();
        long[] full = new long[sp.length + 2];
        full[0] = rows.length;
        for (int i = 0; i < sp.length; i++) {
            full[i + 1] = sp[i];
        }
        full[full.length - 1] = shape.channels();
        return NdArrays.of(flat, full);
    }
}

package org.ntk4j.core.predict;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

/**
 * Scoring predicted means against labels, and one-hot encoding. A prediction is an (M, k) mean
 * whose predicted class is {@code argmax_j mean[i, j]} (the first maximum on ties); labels are
 * either one-hot / score rows (M, k), whose class is likewise their argmax, or integer class
 * indices (M) or (M, 1).
 */
public final class Classification {
    private Classification() {
    }

    /**
     * The fraction of rows whose predicted class equals the label's class:
     * {@code (1/M)·Σ_i [argmax mean_i = class_i]}.
     *
     * @throws IllegalArgumentException if the row counts differ or the shapes do not fit
     */
    public static double accuracy(INDArray mean, INDArray labels) {
        int[] predicted = argmaxRows(matrix(mean, "mean"));
        int[] actual = classes(labels, predicted.length, Math.toIntExact(mean.size(1)));
        int hits = 0;
        for (int i = 0; i < predicted.length; i++) {
            hits += predicted[i] == actual[i] ? 1 : 0;
        }
        return (double) hits / predicted.length;
    }

    /**
     * Mean squared error over all entries, {@code (1/(M·k))·Σ_ij (mean_ij − target_ij)²}
     * (no factor ½).
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public static double mse(INDArray mean, INDArray targets) {
        double[][] m = matrix(mean, "mean");
        double[][] y = matrix(targets, "targets");
        if (m.length != y.length || m[0].length != y[0].length) {
            throw new IllegalArgumentException("mean " + Arrays.toString(mean.shape()) + " and targets "
                    + Arrays.toString(targets.shape()) + " must have the same shape");
        }
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                double d = m[i][j] - y[i][j];
                sum += d * d;
            }
        }
        return sum / ((double) m.length * m[0].length);
    }

    /**
     * One-hot rows {@code (N, classes)}: row i has 1 at column {@code labels[i]} and 0 elsewhere.
     *
     * @param labels integer class indices (N) or (N, 1), each in {@code [0, classes)}
     * @throws IllegalArgumentException for a non-integer or out-of-range label
     */
    public static INDArray oneHot(INDArray labels, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        int[] c = integerLabels(labels, classes);
        Ntk4j.init();
        INDArray out = Nd4j.zeros(c.length, classes);
        for (int i = 0; i < c.length; i++) {
            out.putScalar(i, c[i], 1.0);
        }
        return out;
    }

    /** {@code argmax_j m[i][j]} for every row (first maximum on ties). */
    public static int[] argmaxRows(double[][] m) {
        int[] out = new int[m.length];
        for (int i = 0; i < m.length; i++) {
            int best = 0;
            for (int j = 1; j < m[i].length; j++) {
                if (m[i][j] > m[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    private static int[] classes(INDArray labels, int rows, int k) {
        if (labels == null) {
            throw new IllegalArgumentException("labels are null");
        }
        if (labels.rank() == 0 || labels.size(0) != rows) {
            throw new IllegalArgumentException("labels " + Arrays.toString(labels.shape()) + " must have " + rows
                    + " rows like the mean");
        }
        if (labels.rank() == 2 && labels.size(1) == k && k > 1) {
            return argmaxRows(matrix(labels, "labels"));
        }
        return integerLabels(labels, k);
    }

    private static int[] integerLabels(INDArray labels, int classes) {
        if (labels == null || !(labels.rank() == 1 || labels.rank() == 2 && labels.size(1) == 1)) {
            throw new IllegalArgumentException("integer labels must have shape (N) or (N, 1), got "
                    + (labels == null ? "null" : Arrays.toString(labels.shape())));
        }
        double[] v = labels.dup('c').data().asDouble();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + v[i] + ", expected an integer in [0, "
                        + classes + ")");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    private static double[][] matrix(INDArray a, String name) {
        if (a == null || a.rank() != 2 || a.size(0) == 0 || a.size(1) == 0) {
            throw new IllegalArgumentException(name + " must be a non-empty (M, k) matrix, got "
                    + (a == null ? "null" : Arrays.toString(a.shape())));
        }
        return a.toDoubleMatrix();
    }
}

package org.ntk4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.io.Npy;

/**
 * The inputs of a {@link SparkGram} build and how executors get them: sent with the job (a Spark
 * broadcast, for inputs that fit comfortably in the driver's and every executor's memory) or read
 * by every executor from an {@code .npy} file at a path all of them see (a shared file system, for
 * large inputs). Either way the driver reads the inputs once, to check their shape and record their
 * SHA-256; executors reading a shared file check that they read the same doubles.
 */
public final class SparkInputs {
    private final double[][] rows1;
    private final double[][] rows2;
    private final InputShape shape;
    private final Path file1;
    private final Path file2;

    private SparkInputs(double[][] rows1, double[][] rows2, InputShape shape, Path file1, Path file2) {
        this.rows1 = rows1;
        this.rows2 = rows2;
        this.shape = shape;
        this.file1 = file1;
        this.file2 = file2;
    }

    /** X with itself (the symmetric Gram), sent to executors with the job. */
    public static SparkInputs of(INDArray x) {
        return of(x, x);
    }

    /** X1 × X2, sent to executors with the job; {@code x2 == x1} (the same array) gives the symmetric Gram. */
    public static SparkInputs of(INDArray x1, INDArray x2) {
        Ntk4j.init();
        boolean symmetric = x1 == x2;
        InputShape shape = symmetric ? Inputs.shapeOf(x1, "x1") : Inputs.commonShape(x1, x2);
        double[][] rows1 = Inputs.rows(x1, "x1");
        return new SparkInputs(rows1, symmetric ? rows1 : Inputs.rows(x2, "x2"), shape, null, null);
    }

    /**
     * Inputs in {@code .npy} files at paths every executor can read (a shared file system): X1 in
     * {@code x1}, X2 in {@code x2}, or the symmetric Gram of X1 when {@code x2} is null.
     *
     * @throws IllegalArgumentException when a file is not a readable .npy batch, or the shapes differ
     * @throws UncheckedIOException when a file cannot be read
     */
    public static SparkInputs shared(Path x1, Path x2) {
        Ntk4j.init();
        INDArray a1 = read(x1);
        INDArray a2 = x2 == null ? a1 : read(x2);
        InputShape shape = x2 == null ? Inputs.shapeOf(a1, x1.toString()) : Inputs.commonShape(a1, a2);
        double[][] rows1 = Inputs.rows(a1, x1.toString());
        double[][] rows2 = x2 == null ? rows1 : Inputs.rows(a2, x2.toString());
        return new SparkInputs(rows1, rows2, shape, x1.toAbsolutePath(), x2 == null ? null : x2.toAbsolutePath());
    }

    private static INDArray read(Path file) {
        try {
            return Npy.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read inputs " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether this is the Gram of X1 with itself. */
    public boolean symmetric() {
        return rows2 == rows1;
    }

    /** The per-input shape. */
    public InputShape shape() {
        return shape;
    }

    double[][] rows1() {
        return rows1;
    }

    double[][] rows2() {
        return rows2;
    }

    /** Whether executors read the inputs from shared files rather than receive them with the job. */
    public boolean isShared() {
        return file1 != null;
    }

    Path file1() {
        return file1;
    }

    Path file2() {
        return file2;
    }
}

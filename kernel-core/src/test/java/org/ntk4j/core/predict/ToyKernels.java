package org.ntk4j.core.predict;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;

/**
 * A tiny regression problem with two different positive-definite kernels on N training and M
 * test points: NNGP {@code K = exp(−|x−x'|²/(2·1.3²)) + 0.1}, NTK
 * {@code Θ = 2·exp(−|x−x'|²/(2·0.8²)) + x·x'/d}, and one-hot labels.
 */
final class ToyKernels {
    final int n;
    final int m;
    final int k;
    final double[][] nngp;
    final double[][] ntk;
    final INDArray y;

    ToyKernels(int n, int m, int k, long seed) {
        Ntk4j.init();
        this.n = n;
        this.m = m;
        this.k = k;
        Random rnd = new Random(seed);
        int d = 3;
        double[][] x = new double[n + m][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        nngp = new double[n + m][n + m];
        ntk = new double[n + m][n + m];
        for (int a = 0; a < n + m; a++) {
            for (int b = 0; b < n + m; b++) {
                double sq = 0;
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    sq += (x[a][j] - x[b][j]) * (x[a][j] - x[b][j]);
                    dot += x[a][j] * x[b][j];
                }
                nngp[a][b] = Math.exp(-sq / (2 * 1.3 * 1.3)) + 0.1;
                ntk[a][b] = 2 * Math.exp(-sq / (2 * 0.8 * 0.8)) + dot / d;
            }
        }
        double[][] labels = new double[n][k];
        for (double[] row : labels) {
            row[rnd.nextInt(k)] = 1.0;
        }
        y = Nd4j.create(labels);
    }

    /** Rows r0..r1 × columns c0..c1 (exclusive ends) of a joint kernel. */
    static INDArray block(double[][] joint, int r0, int r1, int c0, int c1) {
        double[][] out = new double[r1 - r0][c1 - c0];
        for (int i = r0; i < r1; i++) {
            System.arraycopy(joint[i], c0, out[i - r0], 0, c1 - c0);
        }
        return Nd4j.create(out);
    }

    Kernel trainTrain() {
        return new Kernel(block(nngp, 0, n, 0, n), block(ntk, 0, n, 0, n));
    }

    Kernel testTrain() {
        return new Kernel(block(nngp, n, n + m, 0, n), block(ntk, n, n + m, 0, n));
    }

    INDArray nngpTestTest() {
        return block(nngp, n, n + m, n, n + m);
    }

    double[][] joint(Regime regime) {
        return regime == Regime.NTK ? ntk : nngp;
    }
}

package org.ntk4j.layers;

import org.ntk4j.core.InputShape;
import org.ntk4j.core.Precision;
import org.ntk4j.core.Workspace;

/** One pair's kernels straight from a compiled {@link Network} (no Gram builder), full spatial output. */
final class PairKernels {
    private PairKernels() {
    }

    /**
     * {nngp, ntk} of (x1, x2) with the full P×P output (diagonal-free readouts give one entry);
     * {@code x2 == x1} runs the pass of x1 with itself.
     */
    static double[][] of(Layer net, InputShape shape, double[] x1, double[] x2, Precision precision) {
        Network n = Network.compile(net, shape, true, true, precision);
        Workspace ws = n.newWorkspace();
        int len = n.outputShape().length();
        double[] c1 = new double[n.chainLength()];
        double[] nngp = new double[len];
        double[] ntk = new double[len];
        n.self(x1, c1, ws, nngp, ntk, 0);
        if (x2 == x1) {
            return new double[][] {nngp, ntk};
        }
        double[] c2 = new double[n.chainLength()];
        n.self(x2, c2, ws, new double[len], new double[len], 0);
        n.pair(x1, c1, x2, c2, ws, nngp, ntk, 0);
        return new double[][] {nngp, ntk};
    }

    static double[][] of(Layer net, InputShape shape, double[] x1, double[] x2) {
        return of(net, shape, x1, x2, Precision.FLOAT64);
    }

    /** Seeded standard normal values. */
    static double[] gaussian(long seed, int n) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    /** ReLU's {nngp, K̇} of one entry (arc-cosine kernel), written out for tests. */
    static double[] relu(double q12, double q11, double q22) {
        double s = Math.sqrt(Math.max(q11 * q22 - q12 * q12, 0));
        double theta = Math.atan2(s, q12);
        return new double[] {(s + (Math.PI - theta) * q12) / (2 * Math.PI), 0.5 - theta / (2 * Math.PI)};
    }
}

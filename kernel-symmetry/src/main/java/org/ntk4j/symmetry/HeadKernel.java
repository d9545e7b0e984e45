package org.ntk4j.symmetry;

import org.ntk4j.core.CompiledKernel;
import org.ntk4j.core.Workspace;

/**
 * The analytic NNGP of a network's head (last hidden layer and readout) on the empirical features
 * of the layers before it, for {@link FiniteWidthInvariance}: the conditional expectation of
 * {@code f(x)f(x')} given those layers' weights. Thread-safe (one workspace per thread).
 */
final class HeadKernel {
    private final CompiledKernel kernel;
    private final ThreadLocal<Workspace> workspaces;

    HeadKernel(CompiledKernel kernel) {
        if (kernel.outputShape().length() != 1) {
            throw new IllegalArgumentException("the head must end in a readout of one value per pair, got "
                    + kernel.outputShape());
        }
        this.kernel = kernel;
        this.workspaces = ThreadLocal.withInitial(kernel::newWorkspace);
    }

    /** {@code {K(h0, h1), K(h2, h3)}} for the feature rows h0..h3 (of x, x', τx, τx'). */
    double[] secondMoments(double[][] features) {
        Workspace ws = workspaces.get();
        double[][] chains = new double[4][kernel.chainLength()];
        double[] scratch = new double[1];
        for (int i = 0; i < 4; i++) {
            kernel.self(features[i], chains[i], ws, scratch, null, 0);
        }
        double[] out = new double[2];
        kernel.pair(features[0], chains[0], features[1], chains[1], ws, out, null, 0);
        kernel.pair(features[2], chains[2], features[3], chains[3], ws, out, null, 1);
        return out;
    }
}

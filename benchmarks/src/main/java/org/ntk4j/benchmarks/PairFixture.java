package org.ntk4j.benchmarks;

import java.util.SplittableRandom;
import org.ntk4j.core.CompiledKernel;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.Workspace;

/** Two seeded random inputs with their variance chains filled, ready for timing single kernel entries. */
final class PairFixture {
    final CompiledKernel kernel;
    final Workspace workspace;
    final double[] x1;
    final double[] x2;
    final double[] chain1;
    final double[] chain2;
    final double[] nngp;
    final double[] ntk;

    PairFixture(KernelFunction net, InputShape shape, boolean withNtk) {
        kernel = net.compile(shape);
        workspace = kernel.newWorkspace();
        SplittableRandom rng = new SplittableRandom(42);
        x1 = rng.doubles(shape.size(), -1, 1).toArray();
        x2 = rng.doubles(shape.size(), -1, 1).toArray();
        chain1 = new double[kernel.chainLength()];
        chain2 = new double[kernel.chainLength()];
        nngp = new double[kernel.outputShape().length()];
        ntk = withNtk ? new double[kernel.outputShape().length()] : null;
        kernel.self(x1, chain1, workspace, nngp, ntk, 0);
        kernel.self(x2, chain2, workspace, nngp, ntk, 0);
    }

    /** One kernel entry K(x1, x2) (and Θ when asked for); returns the NNGP value. */
    double entry() {
        kernel.pair(x1, chain1, x2, chain2, workspace, nngp, ntk, 0);
        return nngp[0];
    }
}

package org.ntk4j.core;

/**
 * A kernel function bound to one input shape: evaluates the NNGP and NTK of single pairs of inputs
 * into caller-provided arrays, using per-thread {@link Workspace}s. This is what the
 * {@link Gram} builder drives; networks from {@code org.ntk4j.layers} compile to it.
 *
 * <p>Inputs are flat channels-last arrays of {@link InputShape#size()} values. Before the pairs,
 * every input's variance chain ({@link #chainLength()} doubles) is filled by {@link #self}.
 * Implementations are immutable and thread-safe; only workspaces are per thread.
 */
public interface CompiledKernel {
    /** The input shape this kernel was compiled for. */
    InputShape inputShape();

    /** The kernel's shape at the output; a readout (Flatten, GlobalAvgPool, FCN) has no spatial dims. */
    KernelShape outputShape();

    /** Doubles per input in its variance chain. */
    int chainLength();

    /** The precision pairs are evaluated in (float64 unless the kernel says otherwise). */
    default Precision precision() {
        return Precision.FLOAT64;
    }

    /**
     * Whether {@code K(x, x') = K(x', x)ᵀ} holds exactly, so that a Gram of X with itself may compute
     * each unordered pair once and mirror it. True for closed-form kernels; false where neural-tangents'
     * own numbers are not symmetric (the Gauss–Hermite quadrature of {@code ElementwiseNumerical}
     * treats its two inputs differently), which Gram builds then evaluate for every ordered pair.
     */
    default boolean exchangeSymmetric() {
        return true;
    }

    /**
     * The heap bytes one thread's {@link Workspace} holds at most (its states' buffers), for the
     * up-front memory check of a Gram build; 0 when unknown.
     */
    default long workspaceBytes() {
        return 0;
    }

    /** A fresh per-thread workspace. */
    Workspace newWorkspace();

    /** The block evaluator when every pair is a scalar at every layer, else null (pairs one by one). */
    default TileKernel tileKernel() {
        return null;
    }

    /**
     * K(x, x): fills {@code chain} with x's variances and writes the {@code outputShape().length()}
     * entries of nngp (and ntk, if {@code outNtk != null}) at {@code offset}.
     */
    void self(double[] x, double[] chain, Workspace ws, double[] outNngp, double[] outNtk, int offset);

    /**
     * K(x1, x2) given both inputs' filled variance chains; writes nngp (and ntk, if
     * {@code outNtk != null}) at {@code offset}.
     */
    void pair(double[] x1, double[] chain1, double[] x2, double[] chain2, Workspace ws, double[] outNngp,
            double[] outNtk, int offset);

    /**
     * Where the kernel of {@code (x1, x2)} first stops being finite, e.g.
     * {@code "first non-finite after layer 2, Relu()"}, or null when this kernel cannot tell.
     * Called only after a non-finite entry was found; may be slow.
     */
    default String locateNonFinite(double[] x1, double[] x2) {
        return null;
    }
}

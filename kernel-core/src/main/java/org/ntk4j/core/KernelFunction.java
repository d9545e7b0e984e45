package org.ntk4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Anything that maps two batches of inputs to their NNGP and NTK kernels: a network of layers, or
 * a kernel built on one. {@link #compile} binds it to an input shape; the default methods are the
 * convenient face for JShell and small batches (all cores, no progress bar).
 */
public interface KernelFunction {
    /**
     * Binds this kernel function to inputs of the given shape, checking every layer's shape rule.
     *
     * @throws IllegalArgumentException naming the layer and the shapes when they do not fit
     */
    CompiledKernel compile(InputShape inputShape);

    /**
     * A fingerprint of this kernel function: the SHA-256 (hex) of its {@link #toString()}, which
     * must describe every parameter that affects the kernel, deterministically (the layers of
     * {@code org.ntk4j.layers} do). Gram checkpoints use it to refuse tiles of another network.
     *
     * @throws IllegalStateException when {@code toString()} is {@code Object}'s identity string
     */
    default String fingerprint() {
        String description = toString();
        if (description.equals(getClass().getName() + "@" + Integer.toHexString(hashCode()))) {
            throw new IllegalStateException(getClass().getName() + " has no toString() describing its parameters, "
                    + "so it has no fingerprint (needed to checkpoint a Gram build)");
        }
        return Sha256.of(description);
    }

    /** NNGP and NTK of {@code x1} with itself, (N, N). */
    default Kernel kernel(INDArray x1) {
        return Gram.of(this).compute(x1);
    }

    /** NNGP and NTK between {@code x1} (N1, ...) and {@code x2} (N2, ...), (N1, N2). */
    default Kernel kernel(INDArray x1, INDArray x2) {
        return Gram.of(this).compute(x1, x2);
    }

    /** As {@link #kernel(INDArray, INDArray)} on plain arrays: rows are flattened channels-last inputs of {@code shape}. */
    default Kernel kernel(double[][] x1, double[][] x2, InputShape shape) {
        return kernel(Inputs.toNd4j(x1, shape), Inputs.toNd4j(x2, shape));
    }

    /** NNGP only (skips all NTK work), (N1, N2). */
    default INDArray nngp(INDArray x1, INDArray x2) {
        return Gram.of(this).nngpOnly().compute(x1, x2).nngp();
    }

    /** NTK, (N1, N2). */
    default INDArray ntk(INDArray x1, INDArray x2) {
        return kernel(x1, x2).ntk();
    }
}

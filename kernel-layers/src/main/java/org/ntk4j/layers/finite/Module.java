package org.ntk4j.layers.finite;

import java.util.List;
import org.ntk4j.core.InputShape;

/**
 * The finite-width face of a layer bound to its input shapes: the forward pass on the input
 * branches, returning a {@link Trace} that holds what the backward pass needs. Stateless and
 * shared by all threads; the parameters come in a {@link Params}.
 */
interface Module {
    /** Per-example output shapes, one per branch. */
    List<InputShape> outShapes();

    /** The forward pass on one batch per input branch. */
    Trace forward(Params params, List<Batch> in);

    /**
     * One forward pass, remembered for its backward pass: the outputs (one batch per branch) and
     * the backward pass. The cotangent batches hold {@code K·N} examples, example {@code k·N + n}
     * being the cotangent of output unit {@code k} at forward example {@code n}; the backward pass
     * returns the inputs' cotangents (one batch per input branch) and adds every parameter's
     * patches and cotangents to the {@link ParameterCotangents} (the gradient Gram of
     * {@link GradientGram}, or a loss gradient).
     */
    record Trace(List<Batch> outputs, Backward backward) {
    }

    /** The backward pass of one {@link Trace}. */
    interface Backward {
        List<Batch> apply(List<Batch> cotangents, ParameterCotangents gram);
    }
}

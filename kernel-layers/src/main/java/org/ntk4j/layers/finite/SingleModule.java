package org.ntk4j.layers.finite;

import java.util.List;
import org.ntk4j.core.InputShape;

/** A module with one input and one output branch: subclasses give the forward pass of one batch. */
abstract class SingleModule implements Module {
    final InputShape in;
    final InputShape out;

    SingleModule(InputShape in, InputShape out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public final List<InputShape> outShapes() {
        return List.of(out);
    }

    /**
     * One forward pass of one batch: its output and its backward pass, which maps the output
     * cotangent ({@code K·N} examples) to the input cotangent, adding parameter Grams to the gram.
     */
    record Pass(Batch output, Backward backward) {
    }

    /** The backward pass of one {@link Pass}. */
    interface Backward {
        Batch apply(Batch cotangent, ParameterCotangents gram);
    }

    abstract Pass pass(Params params, Batch x);

    @Override
    public final Trace forward(Params params, List<Batch> in) {
        Pass p = pass(params, in.get(0));
        return new Trace(List.of(p.output()), (cotangents, gram) -> List.of(p.backward().apply(cotangents.get(0), gram)));
    }
}

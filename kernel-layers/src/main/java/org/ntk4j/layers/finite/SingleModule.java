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

    /** One forward pass of one batch. */
    interface Pass {
        Batch output();

        /** The input cotangent of {@code cotangent} ({@code K·N} examples), adding parameter Grams to {@code gram}. */
        Batch backward(Batch cotangent, GradientGram gram);
    }

    abstract Pass pass(Params params, Batch x);

    @Override
    public final Trace forward(Params params, List<Batch> in) {
        Pass p = pass(params, in.get(0));
        return new Trace() {
            @Override
            public List<Batch> outputs() {
                return List.of(p.output());
            }

            @Override
            public List<Batch> backward(List<Batch> cotangents, GradientGram gram) {
                return List.of(p.backward(cotangents.get(0), gram));
            }
        };
    }
}

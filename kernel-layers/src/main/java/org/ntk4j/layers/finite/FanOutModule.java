package org.ntk4j.layers.finite;

import java.util.Collections;
import java.util.List;
import org.ntk4j.core.InputShape;

/** FanOut(n): the input copied to n branches; the input's cotangent is the sum of the branches'. */
final class FanOutModule implements Module {
    private final int branches;
    private final InputShape shape;

    FanOutModule(int branches, InputShape shape) {
        this.branches = branches;
        this.shape = shape;
    }

    @Override
    public List<InputShape> outShapes() {
        return Collections.nCopies(branches, shape);
    }

    @Override
    public Trace forward(Params params, List<Batch> in) {
        List<Batch> out = Collections.nCopies(branches, in.get(0));
        return new Trace(out, (cotangents, gram) -> {
            double[] sum = cotangents.get(0).data().clone();
            for (int i = 1; i < cotangents.size(); i++) {
                Matrices.addTo(sum, cotangents.get(i).data());
            }
            return List.of(new Batch(sum, cotangents.get(0).n(), shape));
        });
    }
}

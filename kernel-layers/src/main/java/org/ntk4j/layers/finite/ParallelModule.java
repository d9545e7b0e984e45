package org.ntk4j.layers.finite;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.core.InputShape;

/** Parallel: module i on branch i, forward and backward. */
final class ParallelModule implements Module {
    private final List<Module> branches;

    ParallelModule(List<Module> branches) {
        this.branches = List.copyOf(branches);
    }

    @Override
    public List<InputShape> outShapes() {
        List<InputShape> out = new ArrayList<>();
        for (Module m : branches) {
            out.add(m.outShapes().get(0));
        }
        return out;
    }

    @Override
    public Trace forward(Params params, List<Batch> in) {
        List<Trace> traces = new ArrayList<>();
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            Trace t = branches.get(i).forward(params, List.of(in.get(i)));
            traces.add(t);
            out.add(t.outputs().get(0));
        }
        return new Trace(out, (cotangents, gram) -> {
            List<Batch> back = new ArrayList<>();
            for (int i = 0; i < traces.size(); i++) {
                back.add(traces.get(i).backward().apply(List.of(cotangents.get(i)), gram).get(0));
            }
            return back;
        });
    }
}

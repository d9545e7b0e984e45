package org.ntk4j.layers.finite;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.core.InputShape;

/** Serial: modules in sequence forward, their backward passes in reverse. */
final class SerialModule implements Module {
    private final List<Module> modules;

    SerialModule(List<Module> modules) {
        this.modules = List.copyOf(modules);
    }

    @Override
    public List<InputShape> outShapes() {
        return modules.get(modules.size() - 1).outShapes();
    }

    @Override
    public Trace forward(Params params, List<Batch> in) {
        List<Trace> traces = new ArrayList<>();
        List<Batch> cur = in;
        for (Module m : modules) {
            Trace t = m.forward(params, cur);
            traces.add(t);
            cur = t.outputs();
        }
        List<Batch> out = cur;
        return new Trace(out, (cotangents, gram) -> {
            List<Batch> back = cotangents;
            for (int i = traces.size() - 1; i >= 0; i--) {
                back = traces.get(i).backward().apply(back, gram);
            }
            return back;
        });
    }
}

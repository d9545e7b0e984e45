package org.ntk4j.layers.finite;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.core.InputShape;
import org.ntk4j.layers.FanIn;
import org.ntk4j.layers.FanInProd;
import org.ntk4j.layers.FanOut;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.Parallel;
import org.ntk4j.layers.Serial;

/**
 * Walks a layer tree and builds its finite-width modules, numbering the affine layers (their
 * parameter slots) in network order. Shapes are assumed checked by the analytic compilation.
 */
final class Modules {
    private final List<AffineModule> affine = new ArrayList<>();

    /** The affine modules built so far, in slot order. */
    List<AffineModule> affine() {
        return affine;
    }

    /**
     * The modules of {@code layer} on inputs of shapes {@code in}. Without {@code inputCotangent} the
     * backward pass need not return the inputs' cotangents (they are the network's inputs, which have
     * no parameters upstream): its affine layers return zeros instead of computing them.
     */
    Module build(Layer layer, List<InputShape> in, boolean inputCotangent) {
        if (layer instanceof Serial s) {
            List<Module> modules = new ArrayList<>();
            List<InputShape> cur = in;
            boolean needed = inputCotangent;
            for (Layer l : s.layers()) {
                Module m = build(l, cur, needed);
                modules.add(m);
                cur = m.outShapes();
                needed = needed || !affineFree(l);
            }
            return new SerialModule(modules);
        }
        if (layer instanceof Parallel p) {
            List<Module> branches = new ArrayList<>();
            for (int i = 0; i < p.layers().size(); i++) {
                branches.add(build(p.layers().get(i), List.of(in.get(i)), inputCotangent));
            }
            return new ParallelModule(branches);
        }
        if (layer instanceof FanOut f) {
            return new FanOutModule(f.branches(), in.get(0));
        }
        if (layer instanceof FanIn f) {
            return new FanInModule(f.concatenates(), in);
        }
        if (layer instanceof FanInProd) {
            return new FanInProdModule(in);
        }
        return single(layer, in.get(0), inputCotangent);
    }

    /** True when {@code layer} holds no affine layer (its output's cotangent leads to no parameter upstream of it). */
    private static boolean affineFree(Layer layer) {
        if (layer.finite().hasParameters()) {
            return false;
        }
        if (layer instanceof Serial s) {
            return s.layers().stream().allMatch(Modules::affineFree);
        }
        if (layer instanceof Parallel p) {
            return p.layers().stream().allMatch(Modules::affineFree);
        }
        return true;
    }

    /** A single-input layer: the module of its own {@link Layer#finite() finite-width face}. */
    private Module single(Layer layer, InputShape in, boolean inputCotangent) {
        return layer.finite().build(in, this, inputCotangent);
    }

    /** The parameter slot of the next affine module. */
    int nextSlot() {
        return affine.size();
    }

    AffineModule register(AffineModule m) {
        affine.add(m);
        return m;
    }
}

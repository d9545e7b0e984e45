package org.ntk4j.layers.finite;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.core.InputShape;
import org.ntk4j.layers.AvgPool;
import org.ntk4j.layers.Conv;
import org.ntk4j.layers.Dense;
import org.ntk4j.layers.Dropout;
import org.ntk4j.layers.Elementwise;
import org.ntk4j.layers.FanIn;
import org.ntk4j.layers.FanInProd;
import org.ntk4j.layers.FanOut;
import org.ntk4j.layers.Flatten;
import org.ntk4j.layers.GlobalAvgPool;
import org.ntk4j.layers.GlobalSumPool;
import org.ntk4j.layers.Identity;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.LayerNorm;
import org.ntk4j.layers.Parallel;
import org.ntk4j.layers.Serial;
import org.ntk4j.layers.SumPool;

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
        if (layer instanceof Dense || layer instanceof Conv) {
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

    private Module single(Layer layer, InputShape in, boolean inputCotangent) {
        if (layer instanceof Dense d) {
            return register(AffineModule.dense(d, in, affine.size(), inputCotangent));
        }
        if (layer instanceof Conv c) {
            return register(AffineModule.conv(c, in, affine.size(), inputCotangent));
        }
        if (layer instanceof AvgPool a) {
            return new PoolModule(in, Taps.of(in.spatial(), a.window(), a.strides(), a.padding(), a.normalizeEdges()));
        }
        if (layer instanceof GlobalAvgPool) {
            return new PoolModule(in, Taps.global(in.spatial()));
        }
        if (layer instanceof SumPool a) {
            int window = 1;
            for (int w : a.window()) {
                window *= w;
            }
            return new PoolModule(in, Taps.of(in.spatial(), a.window(), a.strides(), a.padding(), false), window);
        }
        if (layer instanceof GlobalSumPool) {
            return new PoolModule(in, Taps.global(in.spatial()), in.positions());
        }
        if (layer instanceof LayerNorm n) {
            return new LayerNormModule(in, n.eps());
        }
        if (layer instanceof Dropout d) {
            if ("train".equals(d.mode())) {
                throw new IllegalArgumentException(d + ": no finite-width form in train mode (it would need a random "
                        + "mask per forward pass); use mode 'test' (the identity) for finite networks");
            }
            return new ReshapeModule(in, in);
        }
        if (layer instanceof Flatten) {
            return new ReshapeModule(in, new InputShape(new int[0], in.size()));
        }
        if (layer instanceof Identity) {
            return new ReshapeModule(in, in);
        }
        if (layer instanceof Elementwise e) {
            return ActivationModule.of(e, in);
        }
        throw new IllegalArgumentException("no finite-width form for layer " + layer);
    }

    private AffineModule register(AffineModule m) {
        affine.add(m);
        return m;
    }
}

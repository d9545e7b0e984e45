package org.ntk4j.examples;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.predict.Classification;
import org.ntk4j.core.predict.Predictor;
import org.ntk4j.core.predict.Regime;
import org.ntk4j.layers.Layer;
import org.ntk4j.symmetry.Architecture;
import org.ntk4j.symmetry.Group;
import org.ntk4j.symmetry.GroupElement;
import org.ntk4j.symmetry.Groups;
import org.ntk4j.symmetry.PaperNetworks;

/**
 * The NTK panel of Xiao &amp; Pennington's Fig. 2 as a computation: for every data transform τ
 * (one group element sampled per transform, applied to training and test inputs alike, as in the
 * paper) and every architecture, the infinite-width NTK regression at t = ∞,
 * {@code μ = Θ(x, X)·(Θ(X, X) + λ·mean(diag)·I)⁻¹·Y} on one-hot labels, scored by test accuracy.
 * Each cell computes its own kernels: the train-train Gram on the symmetric path (each unordered
 * pair once), the test-train Gram, one eigendecomposition.
 *
 * @param networks      the architectures' hyper-parameters (depth, σw², σb², filter, LAP window)
 * @param architectures the rows, in order
 * @param transforms    the group names of the columns ({@link Groups#byName}), in order
 * @param threads       Gram worker threads
 * @param diagReg       relative diagonal regularisation λ
 * @param seed          seeds the group elements: transform {@code g} uses
 *                      {@code new SplittableRandom(seed ^ g.hashCode())}, so a column does not
 *                      depend on which other columns run
 * @param progress      whether to draw one progress bar per architecture on stderr
 */
public record Fig2Experiment(PaperNetworks networks, List<Architecture> architectures, List<String> transforms,
        int threads, double diagReg, long seed, boolean progress) {
    /** The paper's five transforms, smallest group first. */
    public static final List<String> PAPER_TRANSFORMS = List.of("identity", "O(C)xI_d", "O(C)^d", "P(Cd)", "O(Cd)");

    /** Checks the lists and numbers, and that every transform names a group. */
    public Fig2Experiment {
        if (networks == null) {
            throw new IllegalArgumentException("networks is null");
        }
        architectures = List.copyOf(architectures);
        transforms = List.copyOf(transforms);
        if (architectures.isEmpty() || transforms.isEmpty()) {
            throw new IllegalArgumentException("need at least one architecture and one transform, got "
                    + architectures + " and " + transforms);
        }
        transforms.forEach(Groups::byName);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (!(diagReg >= 0) || Double.isInfinite(diagReg)) {
            throw new IllegalArgumentException("diagReg must be finite and ≥ 0, got " + diagReg);
        }
    }

    /** All five architectures and transforms of Fig. 2 with {@code networks}. */
    public static Fig2Experiment paper(PaperNetworks networks, int threads, double diagReg, long seed) {
        return new Fig2Experiment(networks, List.of(Architecture.values()), PAPER_TRANSFORMS, threads, diagReg, seed,
                true);
    }

    /** The same without progress output. */
    public Fig2Experiment quiet() {
        return new Fig2Experiment(networks, architectures, transforms, threads, diagReg, seed, false);
    }

    /** Runs every cell on {@code data}; architectures in the outer loop, transforms in the inner. */
    public Fig2Result run(Fig2Data data) {
        List<Fig2Data> transformed = transforms.stream().map(name -> transform(data, name)).toList();
        double[][] accuracy = new double[architectures.size()][transforms.size()];
        double[][] seconds = new double[architectures.size()][transforms.size()];
        for (int a = 0; a < architectures.size(); a++) {
            Architecture arch = architectures.get(a);
            Layer net = networks.network(arch);
            StageProgress bar = stage(arch, data);
            for (int t = 0; t < transforms.size(); t++) {
                long start = System.nanoTime();
                accuracy[a][t] = cell(net, transformed.get(t), bar);
                seconds[a][t] = (System.nanoTime() - start) / 1e9;
            }
        }
        return new Fig2Result(this, data.trainSize(), data.testSize(), accuracy, seconds);
    }

    /** {@code data} with train and test mapped by one element of the group {@code name}. */
    Fig2Data transform(Fig2Data data, String name) {
        Group group = Groups.byName(name);
        InputShape shape = Inputs.shapeOf(data.xTrain(), "training inputs");
        GroupElement tau = group.sample(new SplittableRandom(seed ^ name.hashCode()), shape);
        return data.map(tau::apply);
    }

    private StageProgress stage(Architecture arch, Fig2Data data) {
        if (!progress) {
            return null;
        }
        StageProgress bar = new StageProgress(String.format(Locale.ROOT, "%-3s × %d transforms", arch,
                transforms.size()));
        for (int t = 0; t < transforms.size(); t++) {
            bar.add(data.trainSize(), data.trainSize(), true).add(data.testSize(), data.trainSize(), false);
        }
        return bar;
    }

    /** Test accuracy of NTK regression at t = ∞ with {@code net} on {@code data}. */
    private double cell(Layer net, Fig2Data data, StageProgress bar) {
        Gram gram = Gram.of(net).threads(threads);
        Kernel trainTrain = (bar == null ? gram : gram.progress(bar.next())).compute(data.xTrain());
        Kernel testTrain = (bar == null ? gram : gram.progress(bar.next())).compute(data.xTest(), data.xTrain());
        INDArray mean = Predictor.of(trainTrain, data.yTrain()).diagReg(diagReg).on(Regime.NTK, testTrain)
                .mean(Double.POSITIVE_INFINITY);
        return Classification.accuracy(mean, data.testLabels());
    }
}

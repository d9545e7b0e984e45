package org.ntk4j.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.cli.SparkGrams;
import org.ntk4j.core.Gram;
import org.ntk4j.core.GramProgress;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.Precision;
import org.ntk4j.core.predict.Classification;
import org.ntk4j.core.predict.Predictor;
import org.ntk4j.core.predict.Regime;
import org.ntk4j.symmetry.Architecture;
import org.ntk4j.symmetry.Group;
import org.ntk4j.symmetry.GroupElement;
import org.ntk4j.symmetry.Groups;
import org.ntk4j.symmetry.PaperNetworks;

/**
 * The NTK panel of Xiao &amp; Pennington's Fig. 2 as a computation: for every data transform τ
 * (group elements sampled per transform and draw, each applied to training and test inputs alike,
 * as in the paper) and every architecture, the infinite-width NTK regression at t = ∞,
 * {@code μ = Θ(x, X)·(Θ(X, X) + λ·mean(diag)·I)⁻¹·Y} on one-hot labels, scored per test image
 * (right or wrong), so that cells can be compared image by image.
 *
 * <p><b>Invariance-aware builds.</b> A cell whose kernel Theorem 4.1 proves equal to the
 * untransformed one ({@link PaperNetworks#predictsInvariance}: O(C)⊗I_d for every architecture,
 * O(C)^d for FCN, LCN and VEC, every group for FCN) reuses the untransformed Grams and predictions
 * when {@code reuse} is on, and {@link InvarianceSpotCheck} recomputes {@code spotChecks ×
 * spotChecks} test-train and train-train entries of each such cell on its transformed data,
 * failing the run if one differs by more than 1e-10 relative (1e-4 in float32). Other cells build
 * their own train-train Gram (each unordered pair once) and test-train Gram.
 *
 * @param networks        the architectures' hyper-parameters (depth, σw², σb², filter, LAP window)
 * @param architectures   the rows, in order
 * @param transforms      the group names of the columns ({@link Groups#byName}), in order
 * @param threads         Gram worker threads
 * @param diagReg         relative diagonal regularisation λ
 * @param seed            seeds the group elements: draw r of transform {@code g} uses
 *                        {@link #drawSeed}, so a column does not depend on which other columns run
 * @param progress        whether to draw one progress bar with an ETA for the whole run on stderr
 * @param repeats         draws of τ per transform (the paper: 5); cells reported as mean ± sd
 * @param pooledPrecision precision of the pooled architectures' (GAP, LAP) builds
 * @param reuse           whether cells Theorem 4.1 proves equal reuse the untransformed Grams
 * @param spotChecks      k of the k × k entries recomputed per reused cell (0: none)
 * @param checkpoint      when not null, every Gram build keeps its finished tiles in its own
 *                        subdirectory of this directory, so an interrupted run resumes where it stopped
 * @param spark           when not null, the Gram builds run on this Spark cluster (bit-identical to
 *                        local builds; tiles in the same checkpoint layout), the rest on the driver
 */
public record Fig2Experiment(PaperNetworks networks, List<Architecture> architectures, List<String> transforms,
        int threads, double diagReg, long seed, boolean progress, int repeats, Precision pooledPrecision,
        boolean reuse, int spotChecks, Path checkpoint, SparkGrams spark) {
    /** The paper's five transforms, smallest group first. */
    public static final List<String> PAPER_TRANSFORMS = List.of("identity", "O(C)xI_d", "O(C)^d", "P(Cd)", "O(Cd)");
    /** Default k of the k × k spot-checked entries per reused cell. */
    public static final int DEFAULT_SPOT_CHECKS = 4;

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
        if (architectures.stream().distinct().count() != architectures.size()
                || transforms.stream().distinct().count() != transforms.size()) {
            throw new IllegalArgumentException("architectures and transforms must not repeat, got " + architectures
                    + " and " + transforms);
        }
        transforms.forEach(Groups::byName);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (!(diagReg >= 0) || Double.isInfinite(diagReg)) {
            throw new IllegalArgumentException("diagReg must be finite and ≥ 0, got " + diagReg);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        if (pooledPrecision == null) {
            throw new IllegalArgumentException("pooledPrecision is null");
        }
        if (spotChecks < 0) {
            throw new IllegalArgumentException("spotChecks must be ≥ 0, got " + spotChecks);
        }
    }

    /** Local builds (no Spark). */
    public Fig2Experiment(PaperNetworks networks, List<Architecture> architectures, List<String> transforms,
            int threads, double diagReg, long seed, boolean progress, int repeats, Precision pooledPrecision,
            boolean reuse, int spotChecks, Path checkpoint) {
        this(networks, architectures, transforms, threads, diagReg, seed, progress, repeats, pooledPrecision, reuse,
                spotChecks, checkpoint, null);
    }

    /** The same with the Gram builds on {@code cluster} (null: local). */
    Fig2Experiment withSpark(SparkGrams cluster) {
        return new Fig2Experiment(networks, architectures, transforms, threads, diagReg, seed, progress, repeats,
                pooledPrecision, reuse, spotChecks, checkpoint, cluster);
    }

    /** One draw per transform, float64, reuse with the default spot checks. */
    public Fig2Experiment(PaperNetworks networks, List<Architecture> architectures, List<String> transforms,
            int threads, double diagReg, long seed, boolean progress) {
        this(networks, architectures, transforms, threads, diagReg, seed, progress, 1, Precision.FLOAT64, true,
                DEFAULT_SPOT_CHECKS, null);
    }

    /** All five architectures and transforms of Fig. 2 with {@code networks}. */
    public static Fig2Experiment paper(PaperNetworks networks, int threads, double diagReg, long seed) {
        return new Fig2Experiment(networks, List.of(Architecture.values()), PAPER_TRANSFORMS, threads, diagReg, seed,
                true);
    }

    /** The same without progress output. */
    public Fig2Experiment quiet() {
        return new Fig2Experiment(networks, architectures, transforms, threads, diagReg, seed, false, repeats,
                pooledPrecision, reuse, spotChecks, checkpoint, spark);
    }

    /** The same with {@code r} draws per transform. */
    public Fig2Experiment withRepeats(int r) {
        return new Fig2Experiment(networks, architectures, transforms, threads, diagReg, seed, progress, r,
                pooledPrecision, reuse, spotChecks, checkpoint, spark);
    }

    /** The same with or without reuse of the cells Theorem 4.1 proves equal. */
    public Fig2Experiment withReuse(boolean on) {
        return new Fig2Experiment(networks, architectures, transforms, threads, diagReg, seed, progress, repeats,
                pooledPrecision, on, spotChecks, checkpoint, spark);
    }

    /** The same with the pooled architectures built in {@code p}. */
    public Fig2Experiment withPooledPrecision(Precision p) {
        return new Fig2Experiment(networks, architectures, transforms, threads, diagReg, seed, progress, repeats, p,
                reuse, spotChecks, checkpoint, spark);
    }

    /** The same keeping every Gram build's tiles under {@code dir} (null: no checkpoints). */
    public Fig2Experiment withCheckpoint(Path dir) {
        return new Fig2Experiment(networks, architectures, transforms, threads, diagReg, seed, progress, repeats,
                pooledPrecision, reuse, spotChecks, dir, spark);
    }

    /** Whether {@code arch} pools over positions (GAP, LAP): O(P²) per kernel entry. */
    public static boolean pooled(Architecture arch) {
        return arch == Architecture.GAP || arch == Architecture.LAP;
    }

    /** The kernel function of {@code arch}: its network, in {@link #pooledPrecision} when pooled. */
    public KernelFunction network(Architecture arch) {
        var net = networks.network(arch);
        return precision(arch) != Precision.FLOAT64 ? net.withPrecision(precision(arch)) : net;
    }

    /** The precision {@code arch}'s Grams are built in: {@link #pooledPrecision} when pooled, else float64. */
    Precision precision(Architecture arch) {
        return pooled(arch) ? pooledPrecision : Precision.FLOAT64;
    }

    /** Runs every cell on {@code data}. */
    public Fig2Result run(Fig2Data data) {
        return run(data, data);
    }

    /**
     * Runs every cell: FCN, LCN and VEC on {@code flat}, GAP and LAP on {@code pooled} (which may be
     * smaller or coarser, e.g. 7×7×16). Architectures in the outer loop, transforms, then draws.
     *
     * @throws IllegalStateException when a reused cell fails its invariance spot check
     */
    public Fig2Result run(Fig2Data flat, Fig2Data pooledData) {
        int na = architectures.size();
        int nt = transforms.size();
        boolean[][][][] correct = new boolean[na][nt][repeats][];
        double[][] seconds = new double[na][nt];
        boolean[][] reused = new boolean[na][nt];
        double[][] spot = new double[na][nt];
        Map<String, Fig2Data> transformed = new HashMap<>();
        RunProgress bar = progress ? plan(flat, pooledData) : null;
        for (int a = 0; a < na; a++) {
            Architecture arch = architectures.get(a);
            Fig2Data data = pooled(arch) ? pooledData : flat;
            KernelFunction net = network(arch);
            double tolerance = pooled(arch) && pooledPrecision != Precision.FLOAT64
                    ? InvarianceSpotCheck.FLOAT32_TOLERANCE : InvarianceSpotCheck.FLOAT64_TOLERANCE;
            Kernel[] base = null;
            boolean[] baseCorrect = null;
            for (int t = 0; t < nt; t++) {
                String name = transforms.get(t);
                Group group = Groups.byName(name);
                boolean identity = Groups.identity().contains(group);
                boolean reusable = reuse && networks.predictsInvariance(arch, group);
                for (int draw = 0; draw < repeats; draw++) {
                    final int r = draw;
                    long start = System.nanoTime();
                    if (identity && r > 0) {
                        correct[a][t][r] = correct[a][t][0];
                    } else if (reusable || identity) {
                        if (base == null) {
                            base = kernels(net, data, bar, arch, buildLabel("identity", 0));
                            baseCorrect = score(base, data);
                        }
                        if (!identity) {
                            Fig2Data d = transformed.computeIfAbsent(key(data, name, r), k -> transform(data, name, r));
                            spot[a][t] = Math.max(spot[a][t], InvarianceSpotCheck.check(arch + " under " + name
                                    + " draw " + (r + 1), net, base[0], base[1], d, spotChecks,
                                    new SplittableRandom(drawSeed(seed, name, r) + 1), tolerance));
                            reused[a][t] = true;
                        }
                        correct[a][t][r] = baseCorrect;
                    } else {
                        Fig2Data d = transformed.computeIfAbsent(key(data, name, r), k -> transform(data, name, r));
                        correct[a][t][r] = score(kernels(net, d, bar, arch, buildLabel(name, r)), d);
                    }
                    seconds[a][t] += (System.nanoTime() - start) / 1e9;
                }
            }
        }
        if (bar != null) {
            bar.finished();
        }
        return new Fig2Result(this, flat, pooledData, correct, seconds, reused, spot);
    }

    private static String key(Fig2Data data, String name, int r) {
        return data.geometry() + "/" + data.trainSize() + "/" + data.testSize() + "/" + name + "/" + r;
    }

    /** The builds this run will do, declared to one progress bar. */
    private RunProgress plan(Fig2Data flat, Fig2Data pooledData) {
        RunProgress bar = new RunProgress("Fig2");
        for (Architecture arch : architectures) {
            Fig2Data data = pooled(arch) ? pooledData : flat;
            double prior = priorSecondsPerEntry(arch, data);
            int builds = 0;
            boolean base = false;
            for (String name : transforms) {
                Group group = Groups.byName(name);
                if (Groups.identity().contains(group) || reuse && networks.predictsInvariance(arch, group)) {
                    base = true;
                } else {
                    builds += repeats;
                }
            }
            for (int i = 0; i < builds + (base ? 1 : 0); i++) {
                bar.add(arch.name(), prior, data.trainSize(), data.trainSize(), true)
                        .add(arch.name(), prior, data.testSize(), data.trainSize(), false);
            }
        }
        return bar;
    }

    /**
     * A rough prior for the progress bar's ETA, in seconds of wall time per kernel entry on 2 cores,
     * from measurements at depth 8: FCN ≈ 5 µs, LCN/VEC ≈ 15 µs at 14×14 (O(P) per entry), GAP/LAP
     * ≈ 3 ms at 14×14 in float64 (O(P²)), 0.6× that in float32.
     */
    private double priorSecondsPerEntry(Architecture arch, Fig2Data data) {
        double positions = data.xTrain().size(1) * data.xTrain().size(2) / 196.0;
        double depth = networks.depth() / 8.0;
        if (arch == Architecture.FCN) {
            return 5e-6 * depth;
        }
        if (!pooled(arch)) {
            return 1.5e-5 * depth * positions;
        }
        return 3e-3 * depth * positions * positions * (pooledPrecision == Precision.FLOAT64 ? 1 : 0.6);
    }

    /** The seed of draw {@code r} of transform {@code name}: draw 0 keeps the single-draw seed {@code seed ^ hash}. */
    public static long drawSeed(long seed, String name, int r) {
        return (seed ^ name.hashCode()) + r * 0x9E3779B97F4A7C15L;
    }

    /** {@code data} with train and test mapped by the first sampled element of the group {@code name}. */
    Fig2Data transform(Fig2Data data, String name) {
        return transform(data, name, 0);
    }

    /** {@code data} with train and test mapped by draw {@code r} of the group {@code name}. */
    Fig2Data transform(Fig2Data data, String name, int r) {
        return data.map(element(data, name, r)::apply);
    }

    /** Draw {@code r} of the group {@code name} on the input shape of {@code data}. */
    GroupElement element(Fig2Data data, String name, int r) {
        Group group = Groups.byName(name);
        InputShape shape = Inputs.shapeOf(data.xTrain(), "training inputs");
        return group.sample(new SplittableRandom(drawSeed(seed, name, r)), shape);
    }

    /**
     * The name of the Gram builds of draw {@code r} (from 0) of transform {@code name}, which is also
     * their checkpoint directory's: {@code untransformed} for the identity, else e.g.
     * {@code O(Cd) draw 1}. {@link Fig2LearningCurves} names its builds the same way, so that it reads
     * back the Grams a checkpointed {@link Fig2} run stored.
     */
    static String buildLabel(String name, int r) {
        return Groups.identity().contains(Groups.byName(name)) ? "untransformed" : name + " draw " + (r + 1);
    }

    /** The train-train and test-train Grams of {@code net} on {@code data}. */
    Kernel[] kernels(KernelFunction net, Fig2Data data, RunProgress bar, Architecture arch, String what) {
        String label = String.format(Locale.ROOT, "%s %s", arch, what);
        if (spark != null) {
            String spec = networks.spec(arch);
            Precision p = precision(arch);
            Kernel trainTrain = spark.build(spec, p, data.xTrain(), null, tileDir(label + " train-train"),
                    progress(bar, arch, label + " train-train"));
            Kernel testTrain = spark.build(spec, p, data.xTest(), data.xTrain(), tileDir(label + " test-train"),
                    progress(bar, arch, label + " test-train"));
            return new Kernel[] {trainTrain, testTrain};
        }
        Gram gram = Gram.of(net).threads(threads);
        Kernel trainTrain = listen(stored(gram, label + " train-train"), bar, arch, label + " train-train")
                .compute(data.xTrain());
        Kernel testTrain = listen(stored(gram, label + " test-train"), bar, arch, label + " test-train")
                .compute(data.xTest(), data.xTrain());
        return new Kernel[] {trainTrain, testTrain};
    }

    /** {@code gram} checkpointed in a subdirectory named after the build, when {@link #checkpoint} is set. */
    private Gram stored(Gram gram, String build) {
        Path dir = tileDir(build);
        return dir == null ? gram : gram.checkpoint(dir);
    }

    /** The checkpoint subdirectory of {@code build} (null without {@link #checkpoint}). */
    private Path tileDir(String build) {
        return checkpoint == null ? null : checkpoint.resolve(build.replaceAll("[^A-Za-z0-9_.-]+", "_"));
    }

    private static Gram listen(Gram gram, RunProgress bar, Architecture arch, String what) {
        return bar == null ? gram : gram.progress(progress(bar, arch, what));
    }

    private static GramProgress progress(RunProgress bar, Architecture arch, String what) {
        return bar == null ? GramProgress.NONE : bar.next(arch.name(), what);
    }

    /** Per test image, whether NTK regression at t = ∞ on {@code kernels} classifies it correctly. */
    boolean[] score(Kernel[] kernels, Fig2Data data) {
        INDArray mean = Predictor.of(kernels[0], data.yTrain()).diagReg(diagReg).on(Regime.NTK, kernels[1])
                .mean(Double.POSITIVE_INFINITY);
        return correct(mean, data.testLabels());
    }

    /** Per row of {@code mean} (N, classes), whether its largest entry is at the row's label. */
    static boolean[] correct(INDArray mean, INDArray labels) {
        int[] predicted = Classification.argmaxRows(mean.toDoubleMatrix());
        double[] l = labels.toDoubleVector();
        boolean[] right = new boolean[predicted.length];
        for (int i = 0; i < right.length; i++) {
            right[i] = predicted[i] == (int) l[i];
        }
        return right;
    }

    /** The architectures run on the pooled data. */
    List<Architecture> pooledArchitectures() {
        List<Architecture> out = new ArrayList<>();
        architectures.stream().filter(Fig2Experiment::pooled).forEach(out::add);
        return out;
    }
}

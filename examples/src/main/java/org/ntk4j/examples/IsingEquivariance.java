package org.ntk4j.examples;

import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.flatten;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Gram;
import org.ntk4j.core.predict.Regime;
import org.ntk4j.layers.Layer;
import org.ntk4j.symmetry.Groups;
import org.ntk4j.symmetry.ensemble.AugmentedData;
import org.ntk4j.symmetry.ensemble.Ising;
import org.ntk4j.symmetry.ensemble.LabelAction;
import org.ntk4j.symmetry.ensemble.OrbitPrediction;
import org.ntk4j.symmetry.ensemble.OrbitPredictor;
import org.ntk4j.symmetry.ensemble.OrbitStatistics;

/**
 * Seed 001's Ising experiment at infinite width: an 8×8 periodic lattice, 128 random spin
 * configurations augmented by C4 to 512, a one-hidden-layer ReLU MLP kernel (σ_w² = 2,
 * σ_b = 0.1, NTK parameterisation), the NTK ensemble mean at several training times. Reports the
 * relative orbit standard deviation of the total energy on in-distribution spins and on N(0, 1)
 * "spins", trained with and without augmentation, and the equivariance deviation of the local
 * energies E(i) (per-site labels). Times are seed 001's t: η = y_train.size, so NT's s = ηt/n = t.
 *
 * <p>Run: {@code java ... org.ntk4j.examples.IsingEquivariance [--out results/ising] [--test 100]}.
 * Writes {@code ising_orbit_std.csv}, {@code ising_orbit_std.png}, {@code ising_local_energy.csv}.
 */
public final class IsingEquivariance {
    static final Layer MLP = serial(flatten(), dense(1024, Math.sqrt(2), 0.1), relu(), dense(1, Math.sqrt(2), 0.1));
    static final double[] TIMES = {0, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3, Double.POSITIVE_INFINITY};

    private IsingEquivariance() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(EnsemblePlot.flag(args, "out", "results/ising"));
        int testCount = Integer.parseInt(EnsemblePlot.flag(args, "test", "100"));
        int samples = Integer.parseInt(EnsemblePlot.flag(args, "samples", "128"));
        long t0 = System.nanoTime();
        INDArray spins = Ising.spins(samples, 8, new SplittableRandom(1));
        INDArray inDist = Ising.spins(testCount, 8, new SplittableRandom(2));
        INDArray outDist = Ising.gaussian(testCount, 8, new SplittableRandom(3));
        Gram gram = Gram.of(MLP).threads(2);
        List<String> rows = new ArrayList<>();
        EnsemblePlot plot = new EnsemblePlot("Ising 8x8, C4, NTK ensemble mean: total energy",
                "training time t (seed 001 units)", "median relative orbit std", true, true);
        for (boolean augmented : new boolean[] {true, false}) {
            AugmentedData aug = AugmentedData.of(spins, Ising.totalEnergy(spins), Groups.c4(), LabelAction.invariant());
            INDArray x = augmented ? aug.x() : spins;
            INDArray y = augmented ? aug.y() : Ising.totalEnergy(spins);
            OrbitPredictor predictor = OrbitPredictor.of(gram, Regime.NTK, x, y).learningRate(y.length());
            for (boolean ood : new boolean[] {false, true}) {
                OrbitPrediction p = predictor.on(ood ? outDist : inDist, aug.elements(), LabelAction.invariant(), false);
                List<Double> ts = new ArrayList<>();
                List<Double> med = new ArrayList<>();
                for (double t : TIMES) {
                    double[] std = p.relativeOrbitStd(t, 0);
                    String set = ood ? "out-of-distribution" : "in-distribution";
                    rows.add(String.join(",", EnsemblePlot.num(t), set, Boolean.toString(augmented),
                            EnsemblePlot.num(OrbitStatistics.median(std)), EnsemblePlot.num(OrbitStatistics.mean(std)),
                            EnsemblePlot.num(OrbitStatistics.max(std))));
                    System.out.printf("augmented=%-5s %-20s t=%-8s relative orbit std: median %.3e, max %.3e%n",
                            augmented, set, EnsemblePlot.num(t), OrbitStatistics.median(std), OrbitStatistics.max(std));
                    if (t > 0 && t < Double.POSITIVE_INFINITY) {
                        ts.add(t);
                        med.add(OrbitStatistics.median(std));
                    }
                }
                plot.add((augmented ? "augmented, " : "not augmented, ") + (ood ? "OOD N(0,1)" : "in-dist."),
                        ts.stream().mapToDouble(Double::doubleValue).toArray(),
                        med.stream().mapToDouble(Double::doubleValue).toArray(), ood);
            }
        }
        EnsemblePlot.csv(out.resolve("ising_orbit_std.csv"), "t,test_set,augmented,median_rel_orbit_std,"
                + "mean_rel_orbit_std,max_rel_orbit_std", rows);
        plot.write(out.resolve("ising_orbit_std.png"));

        List<String> local = new ArrayList<>();
        INDArray e = Ising.localEnergy(spins);
        AugmentedData aug = AugmentedData.of(spins, e, Groups.c4(), LabelAction.perSite());
        INDArray test = org.nd4j.linalg.factory.Nd4j.concat(0, inDist, outDist);
        for (boolean augmented : new boolean[] {true, false}) {
            INDArray x = augmented ? aug.x() : spins;
            INDArray y = augmented ? aug.y() : e;
            OrbitPrediction p = OrbitPredictor.of(gram, Regime.NTK, x, y).learningRate(y.length())
                    .on(test, aug.elements(), LabelAction.perSite(), true);
            for (double t : TIMES) {
                local.add(String.join(",", EnsemblePlot.num(t), Boolean.toString(augmented),
                        EnsemblePlot.num(p.meanDeviation(t)), EnsemblePlot.num(p.covarianceDeviation(t))));
            }
            System.out.printf("local energies E(i), augmented=%s: max mean deviation %.3e, covariance %.3e over t%n",
                    augmented, p.meanDeviation(TIMES), p.covarianceDeviation(TIMES));
        }
        EnsemblePlot.csv(out.resolve("ising_local_energy.csv"), "t,augmented,mean_equivariance_deviation,"
                + "covariance_equivariance_deviation", local);
        System.out.printf("wrote %s (%.1f s)%n", out.toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
    }
}

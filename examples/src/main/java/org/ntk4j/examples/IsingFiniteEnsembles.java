package org.ntk4j.examples;

import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.flatten;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Gram;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.predict.Predictor;
import org.ntk4j.core.predict.Regime;
import org.ntk4j.layers.finite.FiniteNetwork;
import org.ntk4j.layers.finite.GradientDescent;
import org.ntk4j.layers.finite.Params;
import org.ntk4j.symmetry.GroupElement;
import org.ntk4j.symmetry.Groups;
import org.ntk4j.symmetry.ensemble.AugmentedData;
import org.ntk4j.symmetry.ensemble.Ising;
import org.ntk4j.symmetry.ensemble.LabelAction;
import org.ntk4j.symmetry.ensemble.OrbitStatistics;

/**
 * Seed 001's finite-width ensembles: M one-hidden-layer ReLU MLPs of width n (NTK
 * parameterisation, σ_w² = 2, σ_b = 0.1) trained by full-batch gradient descent on the MSE loss
 * (NT's ½·mean) on the C4-augmented Ising data of {@link IsingEquivariance} (128 → 512 samples,
 * total energy times {@code --scale}, default 64 = L², i.e. {@code −Σ_i E(i)}: the prior's
 * Monte Carlo noise does not grow with the labels, so larger labels make an M-member mean a sharper
 * estimate of μ_t). Reports, per width, the relative RMS distance of the ensemble mean to the NTK
 * prediction on the C4 orbits of in- and out-of-distribution test inputs (against the exact
 * discrete-step NTK mean {@code Θ*Θ⁻¹(I − (I − ηΘ/n)^s)Y} and against the gradient-flow mean at
 * t = s), the Monte Carlo standard error of an M-member mean, and the median relative orbit std
 * of the ensemble mean versus that of its members.
 *
 * <p>Run: {@code java ... org.ntk4j.examples.IsingFiniteEnsembles [--widths 64,256,1024]
 * [--members 32] [--steps 100] [--scale 64] [--test 25] [--out results/ising]}; the full sweep of the issue
 * is {@code --widths 64,128,256,512,1024,2048 --members 64}.
 */
public final class IsingFiniteEnsembles {
    private IsingFiniteEnsembles() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(EnsemblePlot.flag(args, "out", "results/ising"));
        int[] widths = EnsemblePlot.ints(args, "widths", "64,256,1024");
        int members = Integer.parseInt(EnsemblePlot.flag(args, "members", "32"));
        int steps = Integer.parseInt(EnsemblePlot.flag(args, "steps", "100"));
        int testCount = Integer.parseInt(EnsemblePlot.flag(args, "test", "25"));
        int threads = Integer.parseInt(EnsemblePlot.flag(args, "threads", "2"));
        double scale = Double.parseDouble(EnsemblePlot.flag(args, "scale", "64"));
        long t0 = System.nanoTime();
        InputShape shape = new InputShape(new int[] {8, 8}, 1);
        INDArray spins = Ising.spins(128, 8, new SplittableRandom(1));
        INDArray energy = Ising.totalEnergy(spins).muli(scale);
        AugmentedData aug = AugmentedData.of(spins, energy, Groups.c4(), LabelAction.invariant());
        List<GroupElement> c4 = aug.elements();
        INDArray[] tests = {Ising.spins(testCount, 8, new SplittableRandom(2)),
            Ising.gaussian(testCount, 8, new SplittableRandom(3))};
        List<INDArray> orbitRows = new ArrayList<>();
        for (INDArray x : tests) {
            for (GroupElement g : c4) {
                orbitRows.add(g.apply(x));
            }
        }
        INDArray xTest = Nd4j.concat(0, orbitRows.toArray(INDArray[]::new));
        int perSet = 4 * testCount;

        Gram gram = Gram.of(IsingEquivariance.MLP).threads(2);
        Kernel trainTrain = gram.compute(aug.x());
        Kernel testTrain = gram.compute(xTest, aug.x());
        int n = aug.size();
        DMatrixRMaj theta = toEjml(trainTrain.ntk());
        double gershgorin = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += Math.abs(theta.get(i, j));
            }
            gershgorin = Math.max(gershgorin, s);
        }
        double eta = n / gershgorin;   // η·λ_max/n ≤ 1: stable steps
        double[] continuous = Predictor.of(trainTrain, aug.y()).learningRate(eta).on(Regime.NTK, testTrain)
                .mean(steps).dup('c').data().asDouble();
        double[] discrete = discreteMean(theta, toEjml(testTrain.ntk()), toEjml(aug.y()), eta / n, steps);
        System.out.printf("N = %d augmented samples, labels ℰ·%g, η = %.4g (η·λmax/n ≤ 1), %d steps, M = %d%n", n, scale,
                eta, steps, members);

        List<String> rows = new ArrayList<>();
        double[] ws = new double[widths.length];
        double[][] err = new double[2][widths.length];
        double[][] floor = new double[2][widths.length];
        double[][] ensStd = new double[2][widths.length];
        double[][] memStd = new double[2][widths.length];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int w = 0; w < widths.length; w++) {
                int width = widths[w];
                FiniteNetwork net = FiniteNetwork.of(serial(flatten(), dense(width, Math.sqrt(2), 0.1), relu(),
                        dense(1, Math.sqrt(2), 0.1)), shape);
                GradientDescent gd = GradientDescent.of(net, aug.x(), aug.y()).learningRate(eta);
                SplittableRandom master = new SplittableRandom(1000 + width);
                List<Future<double[]>> runs = new ArrayList<>();
                for (int m = 0; m < members; m++) {
                    SplittableRandom rng = master.split();
                    runs.add(pool.submit(() -> {
                        Params p = gd.train(net.init(rng), steps);
                        return net.apply(p, xTest).dup('c').data().asDouble();
                    }));
                }
                double[][] f = new double[members][];
                for (int m = 0; m < members; m++) {
                    f[m] = runs.get(m).get();
                }
                double[] mean = new double[f[0].length];
                for (double[] fm : f) {
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] += fm[i] / members;
                    }
                }
                ws[w] = width;
                for (int set = 0; set < 2; set++) {
                    int lo = set * perSet;
                    double num = 0;
                    double numCont = 0;
                    double den = 0;
                    double var = 0;
                    for (int i = lo; i < lo + perSet; i++) {
                        num += sq(mean[i] - discrete[i]);
                        numCont += sq(mean[i] - continuous[i]);
                        den += sq(discrete[i]);
                        for (double[] fm : f) {
                            var += sq(fm[i] - mean[i]) / (members - 1);
                        }
                    }
                    err[set][w] = Math.sqrt(num / den);
                    floor[set][w] = Math.sqrt(var / members / den);
                    ensStd[set][w] = OrbitStatistics.median(OrbitStatistics.relativeStd(orbit(mean, lo, testCount)));
                    double s = 0;
                    for (double[] fm : f) {
                        s += OrbitStatistics.median(OrbitStatistics.relativeStd(orbit(fm, lo, testCount))) / members;
                    }
                    memStd[set][w] = s;
                    String name = set == 0 ? "in-distribution" : "out-of-distribution";
                    rows.add(String.join(",", Integer.toString(width), Integer.toString(members), Integer.toString(steps),
                            EnsemblePlot.num(eta), name, EnsemblePlot.num(err[set][w]),
                            EnsemblePlot.num(Math.sqrt(numCont / den)), EnsemblePlot.num(floor[set][w]),
                            EnsemblePlot.num(ensStd[set][w]), EnsemblePlot.num(memStd[set][w])));
                    System.out.printf("n = %5d %-20s |ens − NTK|/|NTK| = %.4f (vs flow %.4f), MC s.e. %.4f; "
                            + "orbit std: ensemble %.4f, members %.4f  (%.0f s)%n", width, name, err[set][w],
                            Math.sqrt(numCont / den), floor[set][w], ensStd[set][w], memStd[set][w],
                            (System.nanoTime() - t0) / 1e9);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        EnsemblePlot.csv(out.resolve("ising_finite_width.csv"), "width,members,steps,eta,test_set,"
                + "rel_err_vs_ntk_discrete,rel_err_vs_ntk_flow,mc_standard_error,ensemble_median_rel_orbit_std,"
                + "member_median_rel_orbit_std", rows);
        new EnsemblePlot("Ising: ensemble mean of " + members + " trained MLPs vs NTK (" + steps + " GD steps)",
                "width n", "relative RMS error", true, true).yFloor(1e-6)
                .add("in-dist.: |ensemble - NTK|", ws, err[0]).add("OOD: |ensemble - NTK|", ws, err[1])
                .add("in-dist.: MC std. error", ws, floor[0], true).add("OOD: MC std. error", ws, floor[1], true)
                .write(out.resolve("ising_finite_width_error.png"));
        new EnsemblePlot("Ising: invariance of ensemble vs members (C4 orbit of total energy)", "width n",
                "median relative orbit std", true, true).yFloor(1e-6)
                .add("ensemble, in-dist.", ws, ensStd[0]).add("ensemble, OOD", ws, ensStd[1])
                .add("members, in-dist.", ws, memStd[0], true).add("members, OOD", ws, memStd[1], true)
                .write(out.resolve("ising_finite_width_invariance.png"));
        System.out.printf("wrote %s (%.1f s)%n", out.toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
    }

    /** {@code v[lo + a·m + j]} as {@code [a][j]}. */
    private static double[][] orbit(double[] v, int lo, int m) {
        double[][] o = new double[4][m];
        for (int a = 0; a < 4; a++) {
            for (int j = 0; j < m; j++) {
                o[a][j] = v[lo + a * m + j];
            }
        }
        return o;
    }

    /** {@code Θ*·V·diag((1 − (1 − c·λ)^s)/λ)·Vᵀ·Y}, the linearised network after s steps with c = η/n. */
    private static double[] discreteMean(DMatrixRMaj theta, DMatrixRMaj testTrain, DMatrixRMaj y, double c, int s) {
        int n = theta.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(theta.copy())) {
            throw new IllegalStateException("eigendecomposition failed");
        }
        DMatrixRMaj v = new DMatrixRMaj(n, n);
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            double l = eig.getEigenvalue(i).getReal();
            DMatrixRMaj vec = eig.getEigenVector(i);
            for (int r = 0; r < n; r++) {
                v.set(r, i, vec.get(r, 0));
            }
            f[i] = l <= 0 ? 0 : (1 - Math.pow(1 - c * l, s)) / l;
        }
        DMatrixRMaj vty = new DMatrixRMaj(n, y.numCols);
        CommonOps_DDRM.multTransA(v, y, vty);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < y.numCols; k++) {
                vty.set(i, k, vty.get(i, k) * f[i]);
            }
        }
        DMatrixRMaj a = new DMatrixRMaj(testTrain.numRows, n);
        CommonOps_DDRM.mult(testTrain, v, a);
        DMatrixRMaj mean = new DMatrixRMaj(testTrain.numRows, y.numCols);
        CommonOps_DDRM.mult(a, vty, mean);
        return mean.data;
    }

    private static DMatrixRMaj toEjml(INDArray a) {
        INDArray m = a.rank() == 1 ? a.reshape(a.length(), 1) : a;
        return new DMatrixRMaj((int) m.size(0), (int) m.size(1), true, m.dup('c').data().asDouble());
    }

    private static double sq(double v) {
        return v * v;
    }
}

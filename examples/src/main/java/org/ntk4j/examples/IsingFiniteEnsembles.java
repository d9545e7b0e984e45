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
import org.ntk4j.core.Concurrency;
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
 * Seed 001's finite-width ensembles: one-hidden-layer ReLU MLPs of width n (NTK parameterisation,
 * σ_w² = 2, σ_b = 0.1) trained by full-batch gradient descent on the MSE loss (NT's ½·mean) on the
 * C4-augmented Ising data of {@link IsingEquivariance} (128 → 512 samples, labels the total energy
 * ℰ times {@code --scale}, default 1). Per width, P antithetic pairs: a draw θ and its twin
 * {@link FiniteNetwork#antithetic} (readout negated, so f_0 → −f_0), M = 2P members in all, each
 * with the init distribution. Two estimates of the ensemble mean E[f_t] on the C4 orbits of in- and
 * out-of-distribution test inputs:
 * <ul>
 *   <li>independent: the mean of the P first members of the pairs (i.i.d. draws), whose Monte Carlo
 *       standard error is dominated by the prior function f_0, which does not shrink with n (printed
 *       next to it: the standard error the infinite ensemble's covariance Σ_t predicts for P
 *       independent members);</li>
 *   <li>antithetic: the mean of all M members (pair means averaged), the same expectation with f_0
 *       cancelled in each pair, so its standard error falls with n.</li>
 * </ul>
 * For each: the relative RMS distance to the exact discrete-step NTK mean
 * {@code Θ*Θ⁻¹(I − (I − ηΘ/N)^s)Y} (and to the gradient-flow mean at t = s), the Monte Carlo
 * standard error of the estimate (the floor the distance cannot go below with this many members),
 * and the bias estimate {@code (err² − s.e.²)^½}; and the median relative C4 orbit std of the
 * ensemble means versus that of the members.
 *
 * <p>Run: {@code bin/ntk4j-example IsingFiniteEnsembles [--widths 64,128,256,512,1024,2048]
 * [--pairs 16] [--steps 100] [--scale 1] [--test 25] [--threads 2] [--out results/ising]}.
 * Writes {@code ising_finite_width.csv}, {@code ising_finite_width_error.png} and
 * {@code ising_finite_width_invariance.png}.
 */
public final class IsingFiniteEnsembles {
    private IsingFiniteEnsembles() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(EnsemblePlot.flag(args, "out", "results/ising"));
        int[] widths = EnsemblePlot.ints(args, "widths", "64,128,256,512,1024,2048");
        int pairs = Integer.parseInt(EnsemblePlot.flag(args, "pairs", "16"));
        int steps = Integer.parseInt(EnsemblePlot.flag(args, "steps", "100"));
        int testCount = Integer.parseInt(EnsemblePlot.flag(args, "test", "25"));
        int threads = Integer.parseInt(EnsemblePlot.flag(args, "threads", "2"));
        double scale = Double.parseDouble(EnsemblePlot.flag(args, "scale", "1"));
        if (pairs < 2) {
            throw new IllegalArgumentException("--pairs must be at least 2 (a standard error needs two), got " + pairs);
        }
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
        // Σ_t(x, x) of the infinite ensemble (gradient flow at t = steps): the prior's share of each member's
        // variance, which no width removes; sqrt(Σ_i Σ_t(x_i, x_i) / P) is the standard error of P independent members.
        double[] sigma = Nd4j.diag(Predictor.of(trainTrain, aug.y()).learningRate(eta)
                .on(Regime.NTK, testTrain, gram.compute(xTest).nngp()).covariance(steps)).dup('c').data().asDouble();
        int members = 2 * pairs;
        System.out.printf("N = %d augmented samples, labels ℰ·%g, η = %.4g (η·λmax/N ≤ 1), %d steps, %d antithetic "
                + "pairs (M = %d members) per width, %d threads%n", n, scale, eta, steps, pairs, members, threads);

        List<String> rows = new ArrayList<>();
        double[] ws = new double[widths.length];
        // [set][width]: a = antithetic (all M members), i = independent (the P first members of the pairs)
        double[][] errA = new double[2][widths.length];
        double[][] seA = new double[2][widths.length];
        double[][] errI = new double[2][widths.length];
        double[][] seI = new double[2][widths.length];
        double[][] seNtk = new double[2][widths.length];
        double[][] stdA = new double[2][widths.length];
        double[][] stdI = new double[2][widths.length];
        double[][] stdM = new double[2][widths.length];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int w = 0; w < widths.length; w++) {
                long tw = System.nanoTime();
                int width = widths[w];
                FiniteNetwork net = FiniteNetwork.of(serial(flatten(), dense(width, Math.sqrt(2), 0.1), relu(),
                        dense(1, Math.sqrt(2), 0.1)), shape);
                GradientDescent gd = GradientDescent.of(net, aug.x(), aug.y()).learningRate(eta);
                SplittableRandom master = new SplittableRandom(1000 + width);
                List<Future<double[]>> runs = new ArrayList<>();
                for (int q = 0; q < pairs; q++) {
                    Params p = net.init(master.split());
                    for (Params member : new Params[] {p, net.antithetic(p)}) {
                        runs.add(pool.submit(() -> net.apply(gd.train(member, steps), xTest).dup('c').data().asDouble()));
                    }
                }
                double[][] f = new double[members][];   // f[2q] = draw q, f[2q + 1] = its twin
                for (int m = 0; m < members; m++) {
                    f[m] = Concurrency.await(runs.get(m), "ensemble member");
                }
                double[][] pairMean = new double[pairs][];
                double[][] first = new double[pairs][];
                for (int q = 0; q < pairs; q++) {
                    first[q] = f[2 * q];
                    pairMean[q] = new double[f[0].length];
                    for (int i = 0; i < f[0].length; i++) {
                        pairMean[q][i] = 0.5 * (f[2 * q][i] + f[2 * q + 1][i]);
                    }
                }
                double[] meanA = mean(pairMean);
                double[] meanI = mean(first);
                ws[w] = width;
                double seconds = (System.nanoTime() - tw) / 1e9;
                for (int set = 0; set < 2; set++) {
                    int lo = set * perSet;
                    double den = 0;
                    double var = 0;
                    for (int i = lo; i < lo + perSet; i++) {
                        den += sq(discrete[i]);
                        var += sigma[i];
                    }
                    seNtk[set][w] = Math.sqrt(var / pairs / den);
                    errA[set][w] = Math.sqrt(distance(meanA, discrete, lo, perSet) / den);
                    errI[set][w] = Math.sqrt(distance(meanI, discrete, lo, perSet) / den);
                    double flowA = Math.sqrt(distance(meanA, continuous, lo, perSet) / den);
                    seA[set][w] = Math.sqrt(variance(pairMean, meanA, lo, perSet) / pairs / den);
                    seI[set][w] = Math.sqrt(variance(first, meanI, lo, perSet) / pairs / den);
                    double biasA = Math.sqrt(Math.max(0, sq(errA[set][w]) - sq(seA[set][w])));
                    stdA[set][w] = OrbitStatistics.median(OrbitStatistics.relativeStd(orbit(meanA, lo, testCount)));
                    stdI[set][w] = OrbitStatistics.median(OrbitStatistics.relativeStd(orbit(meanI, lo, testCount)));
                    double s = 0;
                    for (double[] fm : f) {
                        s += OrbitStatistics.median(OrbitStatistics.relativeStd(orbit(fm, lo, testCount))) / members;
                    }
                    stdM[set][w] = s;
                    String name = set == 0 ? "in-distribution" : "out-of-distribution";
                    rows.add(String.join(",", Integer.toString(width), Integer.toString(pairs),
                            Integer.toString(members), Integer.toString(steps), EnsemblePlot.num(eta),
                            EnsemblePlot.num(scale), name, EnsemblePlot.num(errA[set][w]), EnsemblePlot.num(flowA),
                            EnsemblePlot.num(seA[set][w]), EnsemblePlot.num(biasA), EnsemblePlot.num(errI[set][w]),
                            EnsemblePlot.num(seI[set][w]), EnsemblePlot.num(seNtk[set][w]), EnsemblePlot.num(stdA[set][w]),
                            EnsemblePlot.num(stdI[set][w]), EnsemblePlot.num(stdM[set][w]),
                            EnsemblePlot.num(seconds)));
                    System.out.printf("n = %5d %-20s antithetic (M = %d): |ens − NTK|/|NTK| = %.4f (vs flow %.4f), "
                            + "MC s.e. %.4f, bias ≈ %.4f | independent (M = %d): %.4f, MC s.e. %.4f (NTK Σ_t: %.4f) | orbit "
                            + "std: antithetic %.2e, independent %.2e, members %.2e  (%.0f s)%n", width, name, members,
                            errA[set][w], flowA, seA[set][w], biasA, pairs, errI[set][w], seI[set][w], seNtk[set][w],
                            stdA[set][w],
                            stdI[set][w], stdM[set][w], seconds);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (int set = 0; set < 2; set++) {
            System.out.printf("%s: log-log slope over n of the antithetic error %.2f, its MC s.e. %.2f%n",
                    set == 0 ? "in-distribution" : "out-of-distribution", slope(ws, errA[set]), slope(ws, seA[set]));
        }
        EnsemblePlot.csv(out.resolve("ising_finite_width.csv"), "width,pairs,members,steps,eta,label_scale,test_set,"
                + "antithetic_rel_err_vs_ntk_discrete,antithetic_rel_err_vs_ntk_flow,antithetic_mc_standard_error,"
                + "antithetic_bias_estimate,independent_rel_err_vs_ntk_discrete,independent_mc_standard_error,"
                + "independent_standard_error_from_ntk_covariance,"
                + "antithetic_ensemble_median_rel_orbit_std,independent_ensemble_median_rel_orbit_std,"
                + "member_median_rel_orbit_std,seconds_for_width", rows);
        EnsemblePlot err = new EnsemblePlot("Ising: trained MLP ensembles vs NTK mean (" + steps + " GD steps)", "width n",
                "relative RMS distance to NTK mean", true, true).yFloor(1e-6);
        EnsemblePlot inv = new EnsemblePlot("Ising: C4 invariance of ensembles vs members (total energy)", "width n",
                "median relative orbit std", true, true).yFloor(1e-6);
        for (int set = 0; set < 2; set++) {
            String tag = set == 0 ? "in-dist." : "OOD";
            EnsemblePlot.Marker marker = set == 0 ? EnsemblePlot.Marker.CIRCLE : EnsemblePlot.Marker.SQUARE;
            err.add(tag + ": antithetic, M=" + members, ws, errA[set], false, 2 * set, marker)
                    .add(tag + ": its MC s.e. (floor)", ws, seA[set], true, 2 * set, marker)
                    .add(tag + ": independent, M=" + pairs, ws, errI[set], false, 2 * set + 1, marker)
                    .add(tag + ": its MC s.e. (floor)", ws, seI[set], true, 2 * set + 1, marker);
            inv.add(tag + ": antithetic ensemble", ws, stdA[set], false, 3 * set, marker)
                    .add(tag + ": independent ensemble", ws, stdI[set], false, 3 * set + 1, marker)
                    .add(tag + ": members", ws, stdM[set], true, 3 * set + 2, marker);
        }
        err.write(out.resolve("ising_finite_width_error.png"));
        inv.write(out.resolve("ising_finite_width_invariance.png"));
        System.out.printf("wrote %s (%.1f s)%n", out.toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
    }

    private static double[] mean(double[][] rows) {
        double[] m = new double[rows[0].length];
        for (double[] r : rows) {
            for (int i = 0; i < m.length; i++) {
                m[i] += r[i] / rows.length;
            }
        }
        return m;
    }

    /** {@code Σ_i (a[i] − b[i])²} over {@code lo..lo+count−1}. */
    private static double distance(double[] a, double[] b, int lo, int count) {
        double s = 0;
        for (int i = lo; i < lo + count; i++) {
            s += sq(a[i] - b[i]);
        }
        return s;
    }

    /** {@code Σ_i} of the unbiased sample variance over rows of entry i, over {@code lo..lo+count−1}. */
    private static double variance(double[][] rows, double[] mean, int lo, int count) {
        double s = 0;
        for (double[] r : rows) {
            s += distance(r, mean, lo, count);
        }
        return s / (rows.length - 1);
    }

    /** Least-squares slope of log y against log x. */
    private static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += Math.log(x[i]) / x.length;
            my += Math.log(y[i]) / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (Math.log(x[i]) - mx) * (Math.log(y[i]) - my);
            sxx += sq(Math.log(x[i]) - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
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

package org.ntk4j.symmetry.parameter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.conv;
import static org.ntk4j.layers.Layers.dense;
import static org.ntk4j.layers.Layers.erf;
import static org.ntk4j.layers.Layers.fanInSum;
import static org.ntk4j.layers.Layers.fanOut;
import static org.ntk4j.layers.Layers.flatten;
import static org.ntk4j.layers.Layers.identity;
import static org.ntk4j.layers.Layers.parallel;
import static org.ntk4j.layers.Layers.relu;
import static org.ntk4j.layers.Layers.serial;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.finite.FiniteNetwork;
import org.ntk4j.layers.finite.GradientDescent;
import org.ntk4j.layers.finite.Params;

/**
 * Projections onto symmetric states, distances, D_s and ranks, Theorem 1 (a duplicated pair stays
 * duplicated, the Jacobian of a symmetric state has equal columns and the empirical NTK's rank is
 * bounded), and the refusals.
 */
class ParameterSymmetryTest {
    private static final InputShape VEC3 = new InputShape(new int[0], 3);

    static INDArray gaussian(long seed, int rows, int cols) {
        Ntk4j.init();
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        return Nd4j.create(d, new long[] {rows, cols}, 'c');
    }

    private static DenseChain chain(Layer net) {
        return DenseChain.of(FiniteNetwork.of(net, VEC3));
    }

    /** Neuron {@code j} of hidden layer {@code hidden} set to a copy of neuron {@code i}. */
    private static Params duplicate(DenseChain c, Params p, int hidden, int i, int j) {
        int h = c.width(hidden);
        double[] w = p.weights(hidden);
        double[] b = p.bias(hidden);
        double[] out = p.weights(hidden + 1);
        int cout = out.length / h;
        for (int r = 0; r < w.length / h; r++) {
            w[r * h + j] = w[r * h + i];
        }
        if (b != null) {
            b[j] = b[i];
        }
        System.arraycopy(out, i * cout, out, j * cout, cout);
        return p.withLayer(hidden, w, b).withLayer(hidden + 1, out, p.bias(hidden + 1));
    }

    @Test
    void duplicatedPairStaysDuplicated() {
        DenseChain c = chain(serial(dense(16, 1.0, 0.3), erf(), dense(16, 1.0, 0.3), erf(), dense(2)));
        Params p = duplicate(c, c.network().init(new SplittableRandom(4)), 1, 3, 5);
        assertEquals(0.0, ParameterSymmetries.pairDistance(c, p, 1, 3, 5, Units.EFFECTIVE));
        assertTrue(ParameterSymmetries.pairDistance(c, p, 1, 3, 6, Units.EFFECTIVE) > 0.1);
        INDArray x = gaussian(1, 10, 3);
        // Jacobian columns of the twins: incoming weights, bias, outgoing weights of layer 1.
        double[][] j = c.network().jacobian(p, x);
        int w1 = 3 * 16 + 16;
        int[][] twins = new int[16 + 1 + 2][];
        for (int r = 0; r < 16; r++) {
            twins[r] = new int[] {w1 + r * 16 + 3, w1 + r * 16 + 5};
        }
        int b1 = w1 + 16 * 16;
        twins[16] = new int[] {b1 + 3, b1 + 5};
        int w2 = b1 + 16;
        twins[17] = new int[] {w2 + 3 * 2, w2 + 5 * 2};
        twins[18] = new int[] {w2 + 3 * 2 + 1, w2 + 5 * 2 + 1};
        double worst = 0;
        double scale = 0;
        for (double[] row : j) {
            for (int[] t : twins) {
                worst = Math.max(worst, Math.abs(row[t[0]] - row[t[1]]));
                scale = Math.max(scale, Math.abs(row[t[0]]));
            }
        }
        assertTrue(scale > 1e-3);
        assertTrue(worst <= 1e-12 * scale, "twin Jacobian columns differ by " + worst + " (scale " + scale + ")");
        GradientDescent gd = GradientDescent.of(c.network(), x, gaussian(2, 10, 2)).learningRate(0.5);
        Params trained = gd.train(p, 500);
        assertTrue(gd.loss(trained) < 0.5 * gd.loss(p), "the network learns");
        double delta = ParameterSymmetries.pairDistance(c, trained, 1, 3, 5, Units.EFFECTIVE);
        assertTrue(delta <= 1e-10, "Δ after 500 steps = " + delta);
        assertTrue(ParameterSymmetries.pairDistance(c, trained, 1, 3, 6, Units.EFFECTIVE) > 0.1);
    }

    /**
     * Width 20 with 8 SIMD lanes: the GEMM runs columns 0..15 on FMA lanes and 16..19 in the scalar
     * edge loop (mul then add), so twins 1 and 19 round differently. Measured on the 2-core VM (AVX-512):
     * Δ = 0 for twins on the same side, 2.7e-17 after 100 steps and 1.0e-16 after 2,000 for twins across
     * the edge: the exact symmetry breaks at the rounding level and stays there away from an unstable
     * saddle. At a saddle such a seed grows like any other perturbation (see docs/parameter-symmetry.md).
     */
    @Test
    void twinsAcrossTheSimdEdgeStayWithinRounding() {
        DenseChain c = chain(serial(dense(20, 1.0, 0.3), erf(), dense(20, 1.0, 0.3), erf(), dense(9)));
        Params p = ParameterSymmetries.transposition(c, 1, 1, 19).apply(c.network().init(new SplittableRandom(4)));
        INDArray x = gaussian(1, 10, 3);
        GradientDescent gd = GradientDescent.of(c.network(), x, gaussian(2, 10, 9)).learningRate(0.5);
        Params trained = gd.train(p, 500);
        double delta = ParameterSymmetries.pairDistance(c, trained, 1, 1, 19, Units.EFFECTIVE);
        assertTrue(delta <= 1e-10, "Δ after 500 steps = " + delta);
        assertEquals(0.0, ParameterSymmetries.pairDistance(c, gd.train(
                ParameterSymmetries.transposition(c, 1, 1, 2).apply(p), 500), 1, 1, 2, Units.EFFECTIVE));
    }

    @Test
    void projectionsAreIdempotentOrthogonalAndFixed() {
        DenseChain c = chain(serial(dense(5, 1.0, 0.5), erf(), dense(4), erf(), dense(2)));
        Params p = c.network().init(new SplittableRandom(2));
        int d0 = c.neuronDimension(0);
        assertEquals(3 + 1 + 4, d0);
        List<ParameterProjection> ps = List.of(ParameterSymmetries.transposition(c, 0, 1, 3),
                ParameterSymmetries.signFlip(c, 1, 2), ParameterSymmetries.layerPermutation(c, 0),
                ParameterSymmetries.layerPermutation(c, 1));
        int[] codims = {d0, c.neuronDimension(1), 4 * d0, 3 * c.neuronDimension(1)};
        for (int k = 0; k < ps.size(); k++) {
            ParameterProjection pr = ps.get(k);
            double[] once = pr.apply(p).toArray();
            assertArrayEquals(once, pr.apply(pr.apply(p)).toArray(), 1e-15, pr.name());
            assertEquals(codims[k], pr.codimension(), pr.name());
            // Orthogonal: θ − Pθ ⟂ Pθ.
            double[] t = p.toArray();
            double dot = 0;
            for (int i = 0; i < t.length; i++) {
                dot += (t[i] - once[i]) * once[i];
            }
            assertEquals(0, dot, 1e-12, pr.name());
            assertTrue(pr.distance(p) > 0.1 && pr.distance(pr.apply(p)) < 1e-15);
        }
        Params sym = ps.get(0).apply(p);
        assertEquals(0.0, ParameterSymmetries.pairDistance(c, sym, 0, 1, 3, Units.STORED));
        assertEquals(ps.get(0).distance(p), ParameterSymmetries.pairDistance(c, p, 0, 1, 3, Units.STORED), 1e-12);
        assertEquals(0.0, ParameterSymmetries.signFlipDistance(c, ps.get(1).apply(p), 1, 2, Units.EFFECTIVE));
        assertEquals(ParameterSymmetries.signFlipDistance(c, p, 1, 2, Units.STORED), ps.get(1).distance(p), 1e-12);
        ParameterProjection both = ParameterSymmetries.composed(p, ps.get(2), ps.get(3));
        // Symmetric dimension: W0 3 + b0 1 + W1 1 + W2 2 = 7.
        assertEquals(p.count() - 7, both.codimension());
    }

    @Test
    void fullySymmetricInitHasALowRankNtkAndGetsStuck() {
        DenseChain c = chain(serial(dense(8, 1.0, 0.2), erf(), dense(8, 1.0, 0.2), erf(), dense(2, 1.0, 0.2)));
        Params random = c.network().init(new SplittableRandom(7));
        ParameterProjection all = ParameterSymmetries.composed(random, ParameterSymmetries.layerPermutation(c, 0),
                ParameterSymmetries.layerPermutation(c, 1));
        Params p = all.apply(random);
        INDArray x = gaussian(3, 24, 3);
        long bound = ParameterSymmetries.ntkRankBound(p, all);
        int rank = ParameterSymmetries.ntkRank(c, p, x, 1e-10);
        int full = ParameterSymmetries.ntkRank(c, random, x, 1e-10);
        assertEquals(3 + 1 + 1 + 1 + 2 + 2, bound);
        assertTrue(rank <= bound, "rank " + rank + " > bound " + bound);
        assertEquals(48, full, "a random init's NTK has full rank N·K");
        GradientDescent gd = GradientDescent.of(c.network(), x, gaussian(4, 24, 2)).learningRate(1);
        Params stuck = gd.train(p, 300);
        Params free = gd.train(random, 300);
        assertTrue(all.distance(stuck) <= 1e-12 * stuck.norm(), "left the symmetric state: " + all.distance(stuck));
        assertTrue(gd.loss(stuck) > 1.5 * gd.loss(free), "stuck " + gd.loss(stuck) + " vs free " + gd.loss(free));
    }

    @Test
    void degreeOfSymmetryDistinctZeroAndRank() {
        DenseChain c = chain(serial(dense(6), relu(), dense(1)));
        // Six neurons in three groups {0, 2}, {1, 4, 5}, {3}: group norms 1, 2, 0 (neuron 3 dead).
        double[][] in = {{1, 0, 0}, {0, 2, 0}, {0, 0, 0}};
        int[] group = {0, 1, 0, 2, 1, 1};
        double[] w0 = new double[3 * 6];
        double[] w1 = new double[6];
        double s0 = c.affine(0).scaleW();
        double s1 = c.affine(1).scaleW();
        for (int i = 0; i < 6; i++) {
            for (int r = 0; r < 3; r++) {
                w0[r * 6 + i] = in[group[i]][r] / s0;
            }
            w1[i] = group[i] == 2 ? 0 : 0.5 / s1;
        }
        Params p = c.network().init(new SplittableRandom(1)).withLayer(0, w0, null).withLayer(1, w1, null);
        SymmetryReport r = SymmetryMeter.of(0.01, 0.1).measure(c, p, 0, 7, 0.5);
        assertEquals(new SymmetryReport(7, 0.5, 0, 6, 3, 2, 3, 1, 2), r);
        assertEquals(1, SymmetryMeter.of(0.01, 0.1).weightRanks(c, p)[1]);
        assertEquals(1, SymmetryMeter.of(0.01, 3).weightRank(c, p, 0), "σ = √2·2, √2·... above 3: one");
    }

    @Test
    void rotationDegreeOfALinearLayer() {
        DenseChain c = chain(serial(dense(4), dense(5), erf(), dense(1)));
        Params p = c.network().init(new SplittableRandom(3));
        assertEquals(0, ParameterSymmetries.rotationDegree(c, p, 0, 1e-6));
        // Rank-2 incoming and outgoing weights: the Gram of the 4 neurons has rank 2, two null directions.
        double[] w0 = new double[3 * 4];
        double[] w1 = new double[4 * 5];
        for (int i = 0; i < 4; i++) {
            w0[i] = 1 + i;
            w0[4 + i] = i % 2;
            for (int k = 0; k < 5; k++) {
                w1[i * 5 + k] = (i % 2) * (k + 1) + (1 + i) * 0.5;
            }
        }
        Params low = p.withLayer(0, w0, null).withLayer(1, w1, null);
        assertEquals(2, ParameterSymmetries.rotationDegree(c, low, 0, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> ParameterSymmetries.rotationDegree(c, p, 1, 1e-6));
    }

    @Test
    void trajectoryFindsDropsAndEvents() {
        DenseChain c = chain(serial(dense(4), erf(), dense(1)));
        Params zero = c.network().init(new SplittableRandom(1), 0.0);
        Params grown = c.network().init(new SplittableRandom(1), 10.0);
        SymmetryTrajectory t = new SymmetryTrajectory(c, SymmetryMeter.of(0.1, 0.5), 10);
        // Plateaus at 1, 0.1 and 0.01 with two sharp drops at steps 300–320 and 600–610; the weights jump at 310.
        for (int s = 0; s <= 1000; s++) {
            double loss = s < 300 ? 1 : s < 320 ? Math.pow(10, -(s - 300) / 20.0) : s < 600 ? 0.1
                    : s < 610 ? 0.1 * Math.pow(10, -(s - 600) / 10.0) : 0.01;
            t.onStep(s, s < 310 ? zero : grown, loss);
        }
        List<SymmetryTrajectory.Drop> drops = t.drops(5, 0.2);
        assertEquals(2, drops.size(), drops.toString());
        assertTrue(drops.get(0).contains(310, 0) && drops.get(1).contains(605, 0), drops.toString());
        assertTrue(!SymmetryTrajectory.insideDrops(450, drops, 20));
        List<SymmetryTrajectory.Event> events = t.events();
        assertTrue(events.stream().allMatch(e -> e.step() == 310), events.toString());
        assertEquals(3, t.events(SymmetryTrajectory.Kind.PAIR_BREAK).get(0).to());
        assertEquals(1.0, SymmetryTrajectory.fractionInside(events, drops, 0));
        assertEquals(1001, t.losses().length);
        assertEquals(101, t.reports().size());
    }

    @Test
    void refusals() {
        DenseChain r = chain(serial(dense(4), relu(), dense(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterSymmetries.signFlip(r, 0, 1));
        assertTrue(e.getMessage().contains("odd"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterSymmetries.signFlipDistance(r, null, 0, 1, Units.STORED));
        assertThrows(IllegalArgumentException.class, () -> ParameterSymmetries.transposition(r, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ParameterSymmetries.transposition(r, 0, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> ParameterSymmetries.transposition(r, -1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ParameterSymmetries.transposition(r, 0, 2, 2));
        Params p = r.network().init(new SplittableRandom(1));
        assertThrows(IllegalArgumentException.class, () -> SymmetryMeter.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> SymmetryMeter.of(0.1, -1));
        assertThrows(IllegalArgumentException.class, () -> SymmetryMeter.of(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> SymmetryMeter.of(0.1, 1).measure(r, p, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> SymmetryMeter.of(0.1, 1).weightRank(r, p, 2));
        assertThrows(IllegalArgumentException.class, () -> ParameterSymmetries.rotationDegree(r, p, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SymmetryTrajectory(r, SymmetryMeter.of(1, 1), 0));
        // Odd: erf without offset; erf with an offset, ReLU are not.
        assertTrue(chain(serial(dense(4), erf(), dense(1))).odd(0));
        assertTrue(!chain(serial(dense(4), erf(1, 1, 0.5), dense(1))).odd(0));
        assertTrue(chain(serial(dense(4), identity(), dense(1))).linear(0));
        IllegalArgumentException convError = assertThrows(IllegalArgumentException.class, () -> DenseChain.of(
                FiniteNetwork.of(serial(conv(2, 2), relu(), flatten(), dense(1)), new InputShape(new int[] {4}, 1))));
        assertTrue(convError.getMessage().contains("Dense chain"), convError.getMessage());
        IllegalArgumentException branchError = assertThrows(IllegalArgumentException.class, () -> chain(serial(dense(4),
                fanOut(2), parallel(dense(4), identity()), fanInSum(), dense(1))));
        assertTrue(branchError.getMessage().contains("FanOut"), branchError.getMessage());
        assertThrows(IllegalArgumentException.class, () -> chain(serial(dense(4), relu())));
        assertThrows(IllegalArgumentException.class, () -> chain(dense(2)));
    }
}

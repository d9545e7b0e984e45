package org.ntk4j.symmetry;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Kernel;
import org.ntk4j.layers.Layer;

/**
 * Theorem 4.1 of Xiao &amp; Pennington checked numerically: for every architecture (rows: FCN, LCN,
 * VEC, GAP, LAP) and group (columns: O(Cd), P(Cd), O(C)^d, P(C)^d, O(C)⊗I_d, P(C)⊗I_d,
 * translations) the relative deviation {@code max|K(τX, τX) − K(X, X)| / max|K(X, X)|} of the
 * infinite-width NNGP and NTK over random τ, next to the theorem's prediction.
 *
 * <p>Translations: the theorem (with CIRCULAR padding) covers all cyclic shifts for LCN, VEC and
 * GAP, but for LAP only shifts by multiples of its pooling window k; the LAP cell of the
 * translation column therefore samples {@code translation(k)}, the shifts the theorem covers, and
 * says so in its {@link Theorem41Cell#measuredGroup()}. (Under unit shifts LAP is not invariant.)
 *
 * <p>On i.i.d. Gaussian inputs the LCN/VEC deviations under O(Cd) and P(Cd) are only a few
 * 1e-3: the part of those kernels linear in the input covariance is the mean of the per-pixel
 * inner products, {@code x·x'/(Cd)}, which is O(Cd)-invariant, so only the nonlinear terms break
 * the symmetry. GAP and LAP break O(C)^d and larger groups by a few 1e-2. Invariant cells are at
 * round-off (~1e-16).
 *
 * <p>Immutable; the withers return modified copies. Defaults: {@link PaperNetworks#small()}, all
 * five rows, {@link Groups#theorem41Columns()}, 3 samples per cell, seed 0.
 */
public final class Theorem41 {
    private final PaperNetworks networks;
    private final List<Architecture> rows;
    private final List<Group> columns;
    private final int samples;
    private final long seed;

    private Theorem41(PaperNetworks networks, List<Architecture> rows, List<Group> columns, int samples, long seed) {
        Invariance.requireSamples(samples);
        if (rows.isEmpty() || columns.isEmpty()) {
            throw new IllegalArgumentException("the table needs at least one row and one column");
        }
        this.networks = networks;
        this.rows = List.copyOf(rows);
        this.columns = List.copyOf(columns);
        this.samples = samples;
        this.seed = seed;
    }

    /** The defaults listed in the class comment. */
    public static Theorem41 defaults() {
        return new Theorem41(PaperNetworks.small(), List.of(Architecture.values()), Groups.theorem41Columns(), 3, 0);
    }

    /** The same with other network hyper-parameters. */
    public Theorem41 networks(PaperNetworks n) {
        return new Theorem41(n, rows, columns, samples, seed);
    }

    /** The same with only these rows. */
    public Theorem41 rows(List<Architecture> r) {
        return new Theorem41(networks, r, columns, samples, seed);
    }

    /** The same with these columns (groups). */
    public Theorem41 columns(List<Group> c) {
        return new Theorem41(networks, rows, c, samples, seed);
    }

    /** Random group elements per cell (the deviation is the largest over them). */
    public Theorem41 samples(int s) {
        return new Theorem41(networks, rows, columns, s, seed);
    }

    /** The same with another seed for the group samples. */
    public Theorem41 seed(long s) {
        return new Theorem41(networks, rows, columns, samples, s);
    }

    /** The network hyper-parameters. */
    public PaperNetworks networks() {
        return networks;
    }

    /** The group sampled for a cell: the column's, except translations for LAP (see the class comment). */
    public Group measuredGroup(Architecture row, Group column) {
        if (row == Architecture.LAP && column instanceof TranslationGroup t && t.step() == 1) {
            return Groups.translation(networks.pool());
        }
        return column;
    }

    /**
     * Measures every cell on the inputs {@code x} (N, H, W, C).
     *
     * @throws IllegalArgumentException when a group or network cannot act on X (e.g. the LAP
     *                                  window does not divide the image side)
     */
    public Theorem41Result run(INDArray x) {
        List<Theorem41Cell> cells = new ArrayList<>();
        for (Architecture row : rows) {
            Layer net = networks.network(row);
            Kernel reference = Invariance.kernel(net, x, x);
            for (Group column : columns) {
                Group measured = measuredGroup(row, column);
                Deviation d = Invariance.sampled(net, measured, x, x, reference, samples, seed);
                cells.add(new Theorem41Cell(row, column.name(), measured.name(), d,
                        networks.predictsInvariance(row, measured)));
            }
        }
        return new Theorem41Result(rows, columns.stream().map(Group::name).toList(), cells, describe(x));
    }

    private String describe(INDArray x) {
        return String.format(java.util.Locale.ROOT,
                "inputs %s; %d hidden ReLU layer(s), σw² = %s, σb² = %s, %d×%d CIRCULAR filters, LAP window %d; "
                        + "%d sample(s) per cell, seed %d",
                java.util.Arrays.toString(x.shape()), networks.depth(), networks.wVar(), networks.bVar(),
                networks.filter(), networks.filter(), networks.pool(), samples, seed);
    }

    /** {@code n} standard normal images of shape (side, side, channels), seeded. */
    public static INDArray randomImages(int n, int side, int channels, long seed) {
        return RandomInputs.gaussian(seed, n, side, side, channels);
    }
}

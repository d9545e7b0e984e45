package org.ntk4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The tiles of one Gram build and the one way they are computed: by the local {@link GramJob} on
 * worker threads and by distributed runners (kernel-spark's executors) alike, so that every runner
 * produces the same bits.
 *
 * <p>A build is a kernel function compiled for one input shape, the inputs X1 and X2 as flat
 * channels-last rows, whether it is symmetric (X2 is X1: only tiles on and above the diagonal), whether
 * the NTK is computed, and the tile size. Computing tiles takes two steps:
 * <ol>
 * <li>the variance chains of the inputs the tiles touch ({@link #computeChains}, or
 *     {@link #chainsFor} for one unit of work), each input's pass with itself;</li>
 * <li>{@link #compute}: the tiles of one unit, each into a {@link TileBlock} in the layout of a
 *     checkpoint tile ({@link GramCheckpoint}).</li>
 * </ol>
 * A unit of work ({@link #units}) is a run of tiles of one row of the tile grid. For kernels with a
 * {@link TileKernel} (fully connected networks, networks that flatten their input first) a unit is a
 * panel of whole rows of tiles, up to {@link #PANEL_ROWS} inputs of X1, and the input covariances of
 * the tiles it computes come from one BLAS product over their rows and columns, exactly as in a
 * local build; other kernels compute each pair on its own, so any grouping of tiles gives the same
 * bits.
 *
 * <p>Immutable and thread-safe; {@link Chains} and {@link Workspace}s are the callers'.
 */
public final class GramTiles {
    private final KernelFunction function;
    private final CompiledKernel kernel;
    private final double[][] rows1;
    private final double[][] rows2;
    private final boolean symmetric;
    private final boolean withNtk;
    private final int tileSize;
    private final TileGrid grid;
    private final TileKernel blocks;
    private final int entryLength;
    private volatile CheckpointManifest manifest;
    private volatile InputGram inputGram;

    private GramTiles(KernelFunction function, CompiledKernel kernel, double[][] rows1, double[][] rows2,
            boolean symmetric, boolean withNtk, int tileSize) {
        this.function = function;
        this.kernel = kernel;
        this.rows1 = rows1;
        this.rows2 = rows2;
        this.symmetric = symmetric;
        this.withNtk = withNtk;
        this.tileSize = tileSize;
        this.grid = TileGrid.of(rows1.length, rows2.length, tileSize, symmetric, kernel.outputShape());
        this.entryLength = grid.entryLength();
        TileKernel tk = kernel.tileKernel();
        this.blocks = tk != null && entryLength == 1 && tileSize <= tk.maxBlock() ? tk : null;
    }

    /**
     * The build of {@code function} over {@code rows1} × {@code rows2}: flat channels-last inputs of
     * {@code shape} (see {@link Inputs#rows}).
     *
     * @param symmetric whether X2 is X1 (then {@code rows2} must be {@code rows1}): only the upper
     *     triangle is computed, each unordered pair once (unless the kernel is not
     *     {@linkplain CompiledKernel#exchangeSymmetric() exchange-symmetric}: then every ordered pair)
     * @param ntk whether the NTK is computed as well as the NNGP
     * @param tileSize rows and columns per tile, or {@link #AUTO_TILE_SIZE}
     * @throws IllegalArgumentException when the network does not fit the shape, rows have the wrong
     *     length, a batch is empty, or the tile size is below 1 (and not {@link #AUTO_TILE_SIZE})
     */
    public static GramTiles of(KernelFunction function, InputShape shape, double[][] rows1, double[][] rows2,
            boolean symmetric, boolean ntk, int tileSize) {
        if (function == null) {
            throw new IllegalArgumentException("kernel function is null");
        }
        if (tileSize < 1 && tileSize != AUTO_TILE_SIZE) {
            throw new IllegalArgumentException("tile size must be at least 1, got " + tileSize);
        }
        if (symmetric && rows2 != rows1) {
            throw new IllegalArgumentException("a symmetric build needs rows2 to be rows1");
        }
        checkRows(rows1, shape, "x1");
        checkRows(rows2, shape, "x2");
        CompiledKernel kernel = function.compile(shape);
        // A kernel that is not exactly symmetric in its two inputs gets every ordered pair, as
        // neural-tangents computes them, even when X2 is X1.
        boolean mirrored = symmetric && kernel.exchangeSymmetric();
        return new GramTiles(function, kernel, rows1, rows2, mirrored, ntk,
                tileSize == AUTO_TILE_SIZE ? defaultTileSize(kernel) : tileSize);
    }

    /**
     * The tile size that picks a default: the largest block of a blockwise kernel (64 for fully
     * connected networks: fewer, larger matrix products; measured 4.8–6.1 s against 6.4–7.8 s for a
     * 10,000-input FCN-8 Gram with tiles of 32), else 32.
     */
    public static final int AUTO_TILE_SIZE = 0;

    /** The tile size {@link #AUTO_TILE_SIZE} stands for with this kernel. */
    public static int defaultTileSize(CompiledKernel kernel) {
        TileKernel blocks = kernel.tileKernel();
        return blocks != null && kernel.outputShape().length() == 1 ? blocks.maxBlock() : 32;
    }

    private static void checkRows(double[][] rows, InputShape shape, String name) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(name + " is an empty batch: no inputs");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != shape.size()) {
                throw new IllegalArgumentException(name + " input " + i + " has " + rows[i].length
                        + " values, expected " + shape.size() + " for input shape " + shape);
            }
        }
    }

    /** The tile layout of the build's output. */
    public TileGrid grid() {
        return grid;
    }

    /** The compiled kernel. */
    public CompiledKernel kernel() {
        return kernel;
    }

    public boolean symmetric() {
        return symmetric;
    }

    public boolean computesNtk() {
        return withNtk;
    }

    public int tileSize() {
        return tileSize;
    }

    /** Inputs in X1. */
    public int n1() {
        return rows1.length;
    }

    /** Inputs in X2. */
    public int n2() {
        return rows2.length;
    }

    /**
     * Rows of X1 per unit of a blockwise kernel: its tiles' input covariances come from one product of
     * up to this many rows by the unit's columns. Products of 64 rows ran at 43 GFLOP/s on this
     * project's machine, of 256 rows at 63 GFLOP/s: the packing of the columns is shared by more rows.
     */
    public static final int PANEL_ROWS = 256;

    /** Whether tiles are evaluated as blocks with one matrix product per unit (then units are panels of whole rows of tiles). */
    public boolean blockwise() {
        return blocks != null;
    }

    /**
     * The checkpoint manifest of this build (hashing the inputs the first time it is asked for).
     *
     * @throws IllegalStateException when the kernel function has no {@link KernelFunction#fingerprint()}
     */
    CheckpointManifest manifest() {
        CheckpointManifest m = manifest;
        if (m == null) {
            m = CheckpointManifest.of(function, kernel, rows1, rows2, symmetric, withNtk, tileSize);
            manifest = m;
        }
        return m;
    }

    /** Rows of the tile grid per unit of a blockwise kernel. */
    private int panelTileRows() {
        return Math.max(1, PANEL_ROWS / tileSize);
    }

    /**
     * The units of work in grid order: for a {@linkplain #blockwise() blockwise} kernel, panels of
     * whole rows of the tile grid, {@code max(1, PANEL_ROWS / tileSize)} rows each (so that its
     * matrix product has the shape of a local build's); else runs of at most {@code maxTiles}
     * consecutive tiles of one row.
     */
    public List<List<TileGrid.Tile>> units(int maxTiles) {
        if (maxTiles < 1) {
            throw new IllegalArgumentException("tiles per unit must be at least 1, got " + maxTiles);
        }
        int limit = blocks != null ? Integer.MAX_VALUE : maxTiles;
        int panel = blocks != null ? panelTileRows() : 1;
        List<List<TileGrid.Tile>> units = new ArrayList<>();
        List<TileGrid.Tile> unit = new ArrayList<>();
        for (TileGrid.Tile t : grid.tiles()) {
            if (!unit.isEmpty() && (unit.get(0).row() / panel != t.row() / panel || unit.size() == limit)) {
                units.add(Collections.unmodifiableList(unit));
                unit = new ArrayList<>();
            }
            unit.add(t);
        }
        if (!unit.isEmpty()) {
            units.add(Collections.unmodifiableList(unit));
        }
        return units;
    }

    /**
     * The variance chains of a build's inputs (null until computed) and, when symmetric, each X1
     * input's entry with itself, the Gram's diagonal.
     */
    public static final class Chains {
        final double[][] chains1;
        final double[][] chains2;
        final double[][] selfNngp;
        final double[][] selfNtk;

        private Chains(int n1, int n2, boolean symmetric, boolean ntk) {
            chains1 = new double[n1][];
            chains2 = symmetric ? chains1 : new double[n2][];
            selfNngp = symmetric ? new double[n1][] : null;
            selfNtk = symmetric && ntk ? new double[n1][] : null;
        }
    }

    /** Cancellation checks and progress of a computation, called from the computing thread. */
    public interface Monitor {
        /**
         * Called before every input and pair.
         *
         * @throws CancellationException to stop the computation
         */
        void check();

        /** {@code entries} more kernel entries (input passes or pairs) are done. */
        void advance(long entries);

        /** Never cancels, counts nothing. */
        Monitor NONE = new Monitor() {
            @Override
            public void check() {
            }

            @Override
            public void advance(long entries) {
            }
        };
    }

    /** Empty chains for this build. */
    public Chains newChains() {
        return new Chains(rows1.length, rows2.length, symmetric, withNtk);
    }

    /**
     * Runs the passes of inputs {@code [from, to)} of X1 ({@code second == false}) or X2 with
     * themselves, filling their chains (and the diagonal entries, for X1 of a symmetric build).
     * Reports one entry per input.
     */
    public void computeChains(Chains chains, boolean second, int from, int to, Workspace ws, Monitor monitor) {
        double[][] rows = second ? rows2 : rows1;
        double[][] target = second ? chains.chains2 : chains.chains1;
        boolean keep = symmetric && !second;
        double[] scratchNngp = keep ? null : new double[entryLength];
        double[] scratchNtk = keep || !withNtk ? null : new double[entryLength];
        for (int i = from; i < to; i++) {
            monitor.check();
            double[] chain = new double[kernel.chainLength()];
            double[] nngp = keep ? new double[entryLength] : scratchNngp;
            double[] ntk = keep ? (withNtk ? new double[entryLength] : null) : scratchNtk;
            kernel.self(rows[i], chain, ws, nngp, ntk, 0);
            target[i] = chain;
            if (keep) {
                chains.selfNngp[i] = nngp;
                if (withNtk) {
                    chains.selfNtk[i] = ntk;
                }
            }
            monitor.advance(1);
        }
    }

    /**
     * The chains {@link #compute} needs for {@code tiles} (those of their rows and columns), computed
     * with {@code ws}; reports nothing.
     */
    public Chains chainsFor(List<TileGrid.Tile> tiles, Workspace ws) {
        return chainsFor(tiles, ws, null);
    }

    /**
     * As {@link #chainsFor(List, Workspace)}, taking the chains already in {@code shared} (when not
     * null) instead of computing them again and adding the ones computed here to it: a cache of
     * chains for the tasks of one process, used by several threads at once (it is locked while read
     * or written, never while chains are computed).
     */
    public Chains chainsFor(List<TileGrid.Tile> tiles, Workspace ws, Chains shared) {
        Chains chains = newChains();
        if (shared != null) {
            synchronized (shared) {
                for (TileGrid.Tile t : tiles) {
                    take(shared, chains, false, t.iFrom(), t.iTo());
                    take(shared, chains, !symmetric, t.jFrom(), t.jTo());
                }
            }
        }
        Chains fresh = newChains();
        for (TileGrid.Tile t : tiles) {
            fill(chains, fresh, false, t.iFrom(), t.iTo(), ws);
            fill(chains, fresh, !symmetric, t.jFrom(), t.jTo(), ws);
        }
        if (shared != null) {
            synchronized (shared) {
                take(fresh, shared, false, 0, rows1.length);
                if (!symmetric) {
                    take(fresh, shared, true, 0, rows2.length);
                }
            }
        }
        return chains;
    }

    /** Copies the chains (and diagonal entries) {@code from} has among {@code [lo, hi)} into {@code to}. */
    private static void take(Chains from, Chains to, boolean second, int lo, int hi) {
        double[][] src = second ? from.chains2 : from.chains1;
        double[][] dst = second ? to.chains2 : to.chains1;
        for (int i = lo; i < hi; i++) {
            if (src[i] != null && dst[i] == null) {
                dst[i] = src[i];
                if (!second && from.selfNngp != null) {
                    to.selfNngp[i] = from.selfNngp[i];
                    if (from.selfNtk != null) {
                        to.selfNtk[i] = from.selfNtk[i];
                    }
                }
            }
        }
    }

    /**
     * Doubles a {@link Chains} of every input holds: the chains, and the diagonal entries of a
     * symmetric build (what a cache passed to {@link #chainsFor(List, Workspace, Chains)} grows to).
     */
    public long chainDoubles() {
        long perInput = kernel.chainLength() + (symmetric ? (long) entryLength * (withNtk ? 2 : 1) : 0);
        return perInput * rows1.length + (symmetric ? 0 : (long) kernel.chainLength() * rows2.length);
    }

    /** Computes the chains among {@code [from, to)} missing from {@code chains}, in runs, into both {@code chains} and {@code fresh}. */
    private void fill(Chains chains, Chains fresh, boolean second, int from, int to, Workspace ws) {
        double[][] target = second ? chains.chains2 : chains.chains1;
        int i = from;
        while (i < to) {
            if (target[i] != null) {
                i++;
                continue;
            }
            int end = i;
            while (end < to && target[end] == null) {
                end++;
            }
            computeChains(fresh, second, i, end, ws, Monitor.NONE);
            take(fresh, chains, second, i, end);
            i = end;
        }
    }

    /**
     * Computes {@code tiles} (consecutive tiles of one row of the grid, in column order, or for a
     * blockwise kernel tiles of one unit, whose inputs' chains are filled) with {@code ws} and hands
     * each tile's block to {@code sink} as soon as it is done. A blockwise kernel takes the input
     * covariances of all of them from one matrix product over the rows and columns they span.
     * Reports each pair as done (the diagonal of a symmetric build was reported by
     * {@link #computeChains}).
     */
    public void compute(List<TileGrid.Tile> tiles, Chains chains, Workspace ws, Monitor monitor,
            Consumer<TileBlock> sink) {
        if (tiles.isEmpty()) {
            return;
        }
        int row = tiles.get(0).row();
        int panel = blocks != null ? panelTileRows() : 1;
        for (TileGrid.Tile t : tiles) {
            if (t.row() / panel != row / panel) {
                throw new IllegalArgumentException("tiles of one unit must be in one " + (panel == 1 ? "row" : "panel of "
                        + panel + " rows") + " of the grid, got rows " + row + " and " + t.row());
            }
        }
        if (blocks != null) {
            computeBlocks(tiles, chains, ws, monitor, sink);
        } else {
            for (TileGrid.Tile t : tiles) {
                sink.accept(checkFinite(computePairs(t, chains, ws, monitor)));
            }
        }
    }

    /** One tile pair by pair; in a symmetric diagonal tile the upper triangle, mirrored, and the diagonal. */
    private TileBlock computePairs(TileGrid.Tile t, Chains chains, Workspace ws, Monitor monitor) {
        int cols = t.cols();
        double[] nngp = new double[t.rows() * cols * entryLength];
        double[] ntk = withNtk ? new double[nngp.length] : null;
        boolean diagonal = symmetric && t.row() == t.col();
        for (int i = t.iFrom(); i < t.iTo(); i++) {
            int r = i - t.iFrom();
            int count = 0;
            for (int j = diagonal ? i + 1 : t.jFrom(); j < t.jTo(); j++) {
                monitor.check();
                int off = (r * cols + (j - t.jFrom())) * entryLength;
                kernel.pair(rows1[i], chains.chains1[i], rows2[j], chains.chains2[j], ws, nngp, ntk, off);
                count++;
            }
            monitor.advance(count);
        }
        if (diagonal) {
            completeDiagonalTile(t, chains, nngp, ntk);
        }
        return new TileBlock(t, nngp, ntk);
    }

    /**
     * The tiles of one unit as blocks: one matrix product for their input covariances (over the rows
     * and columns they span), then each tile evaluated elementwise; in a symmetric diagonal tile only
     * the upper triangle is kept.
     */
    private void computeBlocks(List<TileGrid.Tile> tiles, Chains chains, Workspace ws, Monitor monitor,
            Consumer<TileBlock> sink) {
        int iFrom = Integer.MAX_VALUE, iTo = 0, jFrom = Integer.MAX_VALUE, jTo = 0;
        for (TileGrid.Tile t : tiles) {
            iFrom = Math.min(iFrom, t.iFrom());
            iTo = Math.max(iTo, t.iTo());
            jFrom = Math.min(jFrom, t.jFrom());
            jTo = Math.max(jTo, t.jTo());
        }
        InputGram gram = inputGram();
        int panelRows = panelTileRows() * tileSize;
        double[] k0 = gram.block(iFrom, iTo, jFrom, jTo,
                ws.extra(InputGram.class, () -> gram.newProduct(panelRows, rows2.length)));
        int stride = jTo - jFrom;
        refineNearDuplicates(k0, stride, iFrom, iTo, jFrom, jTo);
        Workspace blockWs = ws.extra(TileKernel.class, blocks::newWorkspace);
        for (TileGrid.Tile t : tiles) {
            monitor.check();
            double[] nngp = new double[t.rows() * t.cols()];
            double[] ntk = withNtk ? new double[nngp.length] : null;
            blocks.evaluate(k0, stride, (t.iFrom() - iFrom) * stride + t.jFrom() - jFrom, t.rows(), t.cols(),
                    chains.chains1, t.iFrom(), chains.chains2, t.jFrom(), blockWs, nngp, ntk);
            if (symmetric && t.row() == t.col()) {
                completeDiagonalTile(t, chains, nngp, ntk);
            }
            sink.accept(checkFinite(new TileBlock(t, nngp, ntk)));
            monitor.advance(grid.pairs(t));
        }
    }

    /**
     * Pairs of a block whose input correlation is within {@code 1 − ρ² ≤ 1e-6} of ±1 (angle below
     * 1e-3: duplicates and near-duplicates) get their input covariance recomputed by
     * {@link TileKernel#inputCovariance}, the loop of the inputs' self passes. Then a row identical to
     * another has exactly its self covariance, its angle is exactly 0 and its kernel entries equal the
     * diagonal ones; nearby rows are as accurate as the recursion allows. Other pairs keep the
     * product's value. A pair's value does not depend on the block it is in.
     */
    private void refineNearDuplicates(double[] k0, int stride, int iFrom, int iTo, int jFrom, int jTo) {
        double[][] self = selfCovariances();
        double[] a = self[0], b = self[1];
        for (int i = iFrom; i < iTo; i++) {
            int row = (i - iFrom) * stride - jFrom;
            for (int j = jFrom; j < jTo; j++) {
                double c = k0[row + j];
                if (c != 0.0 && c * c >= NEAR_DUPLICATE * a[i] * b[j]) {
                    k0[row + j] = blocks.inputCovariance(rows1[i], rows2[j]);
                }
            }
        }
    }

    /** {@code ρ² ≥ 1 − 1e-6}: where {@link #refineNearDuplicates} recomputes a pair. */
    private static final double NEAR_DUPLICATE = 1 - 1e-6;

    private volatile double[][] selfCovariances;

    /** The self input covariances of rows1 and rows2 as {@link TileKernel#inputCovariance} computes them, made once. */
    private double[][] selfCovariances() {
        double[][] s = selfCovariances;
        if (s == null) {
            synchronized (this) {
                s = selfCovariances;
                if (s == null) {
                    double[] a = new double[rows1.length];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = blocks.inputCovariance(rows1[i], rows1[i]);
                    }
                    double[] b = a;
                    if (rows2 != rows1) {
                        b = new double[rows2.length];
                        for (int j = 0; j < b.length; j++) {
                            b[j] = blocks.inputCovariance(rows2[j], rows2[j]);
                        }
                    }
                    s = new double[][] {a, b};
                    selfCovariances = s;
                }
            }
        }
        return s;
    }

    /**
     * Refuses a tile with a NaN or infinite entry before it is stored or written anywhere: an
     * {@link IllegalArgumentException} naming the entry {@code (i, j)}, the kernel (nngp or ntk), the
     * first layer whose output is not finite (when the compiled kernel can tell, see
     * {@link CompiledKernel#locateNonFinite}) and the remedies. Finite inputs give finite kernels
     * wherever the values are representable, so this means the inputs' scale is out of range.
     */
    private TileBlock checkFinite(TileBlock b) {
        int bad = firstNonFinite(b.nngp());
        String which = "nngp";
        if (bad < 0 && b.ntk() != null) {
            bad = firstNonFinite(b.ntk());
            which = "ntk";
        }
        if (bad < 0) {
            return b;
        }
        TileGrid.Tile t = b.tile();
        int pair = bad / entryLength;
        int i = t.iFrom() + pair / t.cols(), j = t.jFrom() + pair % t.cols();
        String layer = kernel.locateNonFinite(rows1[i], rows2[j]);
        throw new IllegalArgumentException("the " + which + " entry (" + i + ", " + j + ") is not finite"
                + (layer == null ? "" : ": " + layer) + "; the kernel values are not representable in "
                + (kernel.precision() == Precision.FLOAT32 ? "float32 (use float64, or rescale the inputs)"
                        : "float64 (rescale the inputs)"));
    }

    private static int firstNonFinite(double[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                return k;
            }
        }
        return -1;
    }

    /** The inputs as matrices for the products, made once. */
    private InputGram inputGram() {
        InputGram g = inputGram;
        if (g == null) {
            synchronized (this) {
                g = inputGram;
                if (g == null) {
                    g = new InputGram(rows1, rows2);
                    inputGram = g;
                }
            }
        }
        return g;
    }

    /** Fills the diagonal of a symmetric diagonal tile from the inputs' passes and mirrors its upper triangle below. */
    private void completeDiagonalTile(TileGrid.Tile t, Chains chains, double[] nngp, double[] ntk) {
        int n = t.rows();
        for (int r = 0; r < n; r++) {
            int i = t.iFrom() + r;
            System.arraycopy(chains.selfNngp[i], 0, nngp, (r * n + r) * entryLength, entryLength);
            if (ntk != null) {
                System.arraycopy(chains.selfNtk[i], 0, ntk, (r * n + r) * entryLength, entryLength);
            }
            for (int c = r + 1; c < n; c++) {
                grid.mirror(nngp, (r * n + c) * entryLength, (c * n + r) * entryLength);
                if (ntk != null) {
                    grid.mirror(ntk, (r * n + c) * entryLength, (c * n + r) * entryLength);
                }
            }
        }
    }
}

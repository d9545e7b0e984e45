package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.core.Precision;
import org.ntk4j.core.SpatialOps;
import org.ntk4j.core.TileKernel;
import org.ntk4j.core.Workspace;

/**
 * Blocks of pairs of a network whose pairs are scalars at every layer — Dense layers,
 * nonlinearities and their branches, on vectors or after a leading Flatten. The same layers are
 * compiled once more for an input of {@code T²} "positions" (one per pair of a T×T block) in
 * diagonal storage, so each layer runs elementwise over the whole block with its usual code; each
 * nonlinearity's variance slot then holds one variance per entry of the block, laid out from the
 * inputs' own chains.
 */
final class ScalarTiles implements TileKernel {
    private final Layer body;
    private final int features;
    private final boolean fuse;
    private final Precision precision;
    private final Network block;
    private final int side;
    private final int slots;
    /** The input's positions and channels, and whether the network flattens it first. */
    private final int positions;
    private final int channels;
    private final boolean flattened;
    /** The same layers compiled for blocks of every other number of pairs met so far (edge tiles, smaller tiles). */
    private final java.util.concurrent.ConcurrentHashMap<Integer, Network> bySize =
            new java.util.concurrent.ConcurrentHashMap<>();

    private ScalarTiles(Layer body, int features, boolean fuse, Precision precision, Network block, int side,
            int slots, InputShape shape) {
        this.positions = shape.positions();
        this.channels = shape.channels();
        this.flattened = shape.spatial().length > 0;
        this.body = body;
        this.features = features;
        this.fuse = fuse;
        this.precision = precision;
        this.block = block;
        this.side = side;
        this.slots = slots;
        bySize.put(side * side, block);
    }

    /**
     * The block evaluator of {@code layer} on inputs of {@code shape} in blocks up to
     * {@code side}×{@code side}, or null when some pair is not a scalar at some layer.
     */
    static ScalarTiles of(Layer layer, InputShape shape, int side, int slots, boolean fuse, Precision precision) {
        Layer body = layer;
        int features = shape.channels();
        if (shape.spatial().length > 0) {
            if (!(layer instanceof Serial s) || s.layers().size() < 2 || !(s.layers().get(0) instanceof Flatten)) {
                return null;
            }
            body = Layers.serial(s.layers().subList(1, s.layers().size()));
            features = shape.size();
        }
        if (!body.scalarPairs()) {
            return null;
        }
        Network block = compile(body, features, fuse, precision, side * side, slots);
        return new ScalarTiles(body, features, fuse, precision, block, side, slots, shape);
    }

    /** The layers compiled for blocks of {@code size} pairs, with their nonlinearities' variance slots checked. */
    private static Network compile(Layer body, int features, boolean fuse, Precision precision, int size,
            int slots) {
        Network net = Network.compile(body, new InputShape(new int[] {size}, features), false, fuse, precision);
        if (net.chainLength() != slots * size) {
            throw new IllegalStateException("block compilation reserved " + net.chainLength() + " variances for "
                    + slots + " nonlinearities");
        }
        return net;
    }

    /** The network for blocks of exactly {@code size} pairs (compiled on first use). */
    private Network network(int size) {
        Network net = bySize.get(size);
        return net != null ? net : bySize.computeIfAbsent(size, n -> compile(body, features, fuse, precision, n, slots));
    }

    /**
     * {@code K0} as the network's pass computes it: {@code Σ_c x1[p,c]·x2[p,c] / C} per position
     * ({@link SpatialOps#inputCovariance}), then, when the network starts with Flatten, their mean
     * over positions (as {@link Flatten} takes it).
     */
    @Override
    public double inputCovariance(double[] x1, double[] x2) {
        double[] perPosition = new double[positions];
        SpatialOps.inputCovariance(x1, x2, positions, channels, false, perPosition);
        return flattened ? SpatialOps.mean(perPosition, positions) : perPosition[0];
    }

    @Override
    public int maxBlock() {
        return side;
    }

    @Override
    public Workspace newWorkspace() {
        return block.newWorkspace();
    }

    /** Per-thread variance layouts of a block. */
    private static final class Chains {
        final double[] cov1;
        final double[] cov2;

        Chains(int length) {
            cov1 = new double[length];
            cov2 = new double[length];
        }
    }

    /**
     * The block's {@code rows × cols} pairs, packed row after row, run through the layers compiled for
     * exactly that many pairs: no work on padding when a tile is smaller than the largest block.
     */
    @Override
    public void evaluate(double[] k0, int k0Stride, int k0Offset, int rows, int cols, double[][] chains1, int iFrom,
            double[][] chains2, int jFrom, Workspace ws, double[] nngp, double[] ntk) {
        int size = rows * cols;
        Network net = network(size);
        Chains c = ws.extra(Chains.class, () -> new Chains(block.chainLength()));
        for (int s = 0; s < slots; s++) {
            int off = s * size;
            for (int q = 0; q < cols; q++) {
                c.cov2[off + q] = chains2[jFrom + q][s];
            }
            for (int r = 0; r < rows; r++) {
                int at = off + r * cols;
                java.util.Arrays.fill(c.cov1, at, at + cols, chains1[iFrom + r][s]);
                if (r > 0) {
                    System.arraycopy(c.cov2, off, c.cov2, at, cols);
                }
            }
        }
        KernelState k = net.begin(ws, ntk != null, c.cov1, c.cov2);
        for (int r = 0; r < rows; r++) {
            k.loadNngp(k0, r * k0Stride + k0Offset, r * cols, cols);
        }
        net.applyLayers(k, ws).copyOut(nngp, ntk, 0, size);
    }

    @Override
    public String toString() {
        return "ScalarTiles[" + side + "x" + side + ", " + slots + " nonlinearities]\n" + List.of(block);
    }
}

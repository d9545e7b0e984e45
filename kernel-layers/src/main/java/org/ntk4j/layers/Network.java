package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.core.CompiledKernel;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.core.Precision;
import org.ntk4j.core.TileKernel;
import org.ntk4j.core.Workspace;

/**
 * A layer compiled as a whole network for one input shape: the input covariance
 * {@code K0[p,p'] = Σ_c x[p,c]·x'[p',c] / C} (NTK 0), in the storage the network needs, followed by
 * every layer's kernel. Immutable and thread-safe.
 */
public final class Network implements CompiledKernel {
    private final Layer layer;
    private final InputShape inputShape;
    private final KernelShape input;
    private final KernelShape output;
    private final Node root;
    private final int chainLength;
    private final int capacity;
    private final Precision precision;
    private TileKernel tiles;
    /** Side of the pair blocks of {@link #tileKernel()}: tiles up to this size are evaluated as blocks. */
    static final int BLOCK = 64;

    private Network(Layer layer, InputShape inputShape, KernelShape input, KernelShape output, Node root,
            int chainLength, int capacity, Precision precision) {
        this.layer = layer;
        this.precision = precision;
        this.inputShape = inputShape;
        this.input = input;
        this.output = output;
        this.root = root;
        this.chainLength = chainLength;
        this.capacity = capacity;
    }

    /**
     * Compiles {@code layer} for inputs of {@code shape}.
     *
     * @param fullOutput when the output keeps spatial dims, hold its full P×P covariance rather than
     *                   its diagonal
     */
    public static Network compile(Layer layer, InputShape shape, boolean fullOutput) {
        return compile(layer, shape, fullOutput, true);
    }

    /**
     * As {@link #compile(Layer, InputShape, boolean)}; {@code fuse = false} runs every layer as its own
     * sweep (the reference that fused sweeps must match bit for bit).
     */
    public static Network compile(Layer layer, InputShape shape, boolean fullOutput, boolean fuse) {
        return compile(layer, shape, fullOutput, fuse, Precision.FLOAT64);
    }

    /**
     * As {@link #compile(Layer, InputShape, boolean, boolean)}, evaluating every pair in
     * {@code precision} (see {@link Precision}).
     */
    public static Network compile(Layer layer, InputShape shape, boolean fullOutput, boolean fuse,
            Precision precision) {
        KernelShape in = KernelShape.input(shape);
        Node root = layer.bind(List.of(in), "");
        List<KernelShape> outs = root.outputs();
        if (outs.size() != 1) {
            throw new IllegalArgumentException("the network ends in " + outs.size()
                    + " branches; join them with fanInSum() or fanInConcat()");
        }
        boolean[] fullOut = {fullOutput && outs.get(0).positions() > 1};
        boolean[] fullIn = root.needsFull(fullOut);
        Compilation c = new Compilation(fuse);
        KernelShape fixedIn = in.withFull(fullIn[0]);
        c.needCapacity(fixedIn.length());
        root.fix(fullIn, fullOut, c);
        if (c.selfPassDiagonal() != null && !layer.exchangeSymmetric()) {
            throw new IllegalArgumentException(c.selfPassDiagonal() + " needs each input's pass with itself for the "
                    + "Gram diagonal, but the network also has a layer whose kernel is not symmetric in its two "
                    + "inputs (ElementwiseNumerical), so Gram builds evaluate every ordered pair; use Dropout "
                    + "mode='test' or a closed-form nonlinearity");
        }
        KernelShape out = outs.get(0).withFull(fullOut[0]);
        Network net = new Network(layer, shape, fixedIn, out, root, c.chainLength(), c.capacity(), precision);
        if (out.positions() == 1) {
            net.tiles = ScalarTiles.of(layer, shape, BLOCK, c.chainLength(), fuse, precision);
        }
        return net;
    }

    @Override
    public InputShape inputShape() {
        return inputShape;
    }

    @Override
    public KernelShape outputShape() {
        return output;
    }

    /** Whether the network's kernel is exactly symmetric in its two inputs (see {@link Layer#exchangeSymmetric}). */
    @Override
    public boolean exchangeSymmetric() {
        return layer.exchangeSymmetric();
    }

    /** The precision every pair is evaluated in. */
    @Override
    public Precision precision() {
        return precision;
    }

    /** The storage the input covariance is computed in. */
    public KernelShape inputKernelShape() {
        return input;
    }

    @Override
    public int chainLength() {
        return chainLength;
    }

    /**
     * {@code capacity × (4·states + 2)} entries of 8 bytes (4 in float32): each state holds nngp, ntk
     * and two scratch buffers, the stencils two blocks; one state per branch that a {@code fanOut}
     * opens, besides the first.
     */
    @Override
    public long workspaceBytes() {
        return (long) capacity * (precision == Precision.FLOAT32 ? 4 : 8) * (4L * states(layer) + 2);
    }

    /** States alive at once at most: 1 plus, for every fanOut(n) in the network, n − 1. */
    private static int states(Layer layer) {
        if (layer instanceof Serial s) {
            return 1 + s.layers().stream().mapToInt(l -> states(l) - 1).sum();
        }
        if (layer instanceof Parallel p) {
            return 1 + p.layers().stream().mapToInt(l -> states(l) - 1).sum();
        }
        return layer instanceof FanOut f ? f.branches() : 1;
    }

    @Override
    public Workspace newWorkspace() {
        return new Workspace(capacity, precision);
    }

    @Override
    public void self(double[] x, double[] chain, Workspace ws, double[] outNngp, double[] outNtk, int offset) {
        run(x, chain, x, chain, true, ws, outNngp, outNtk, offset);
    }

    @Override
    public void pair(double[] x1, double[] chain1, double[] x2, double[] chain2, Workspace ws, double[] outNngp,
            double[] outNtk, int offset) {
        run(x1, chain1, x2, chain2, false, ws, outNngp, outNtk, offset);
    }

    private void run(double[] x1, double[] chain1, double[] x2, double[] chain2, boolean record, Workspace ws,
            double[] outNngp, double[] outNtk, int offset) {
        ws.reset();
        KernelState k = ws.borrow();
        k.begin(input, outNtk != null, chain1, chain2, record);
        k.inputCovariance(x1, x2, inputShape.positions(), inputShape.channels(), input.full());
        applyLayers(k, ws).copyOut(outNngp, outNtk, offset, output.length());
    }

    /** A fresh state of this network's input kernel shape, for a caller that fills the input covariance itself. */
    KernelState begin(Workspace ws, boolean withNtk, double[] chain1, double[] chain2) {
        ws.reset();
        KernelState k = ws.borrow();
        k.begin(input, withNtk, chain1, chain2, false);
        return k;
    }

    /** Runs every layer on a state that holds the input covariance; returns the output state. */
    KernelState applyLayers(KernelState k, Workspace ws) {
        return root.apply(new KernelState[] {k}, ws)[0];
    }

    /**
     * Evaluates the pair through ever longer prefixes of a top-level {@code serial(...)} (each with
     * its own self passes) and names the first layer after which an nngp or ntk entry is not finite.
     */
    @Override
    public String locateNonFinite(double[] x1, double[] x2) {
        if (!(layer instanceof Serial s)) {
            return null;
        }
        List<Layer> layers = s.layers();
        for (int k = 1; k <= layers.size(); k++) {
            Network prefix;
            try {
                prefix = compile(new Serial(layers.subList(0, k)), inputShape, false, false, precision);
            } catch (IllegalArgumentException notANetwork) {
                continue;
            }
            int len = prefix.outputShape().length();
            double[] nngp = new double[3 * len], ntk = new double[3 * len];
            double[] c1 = new double[prefix.chainLength()], c2 = new double[prefix.chainLength()];
            Workspace ws = prefix.newWorkspace();
            prefix.self(x1, c1, ws, nngp, ntk, 0);
            prefix.self(x2, c2, ws, nngp, ntk, len);
            prefix.pair(x1, c1, x2, c2, ws, nngp, ntk, 2 * len);
            for (int e = 0; e < nngp.length; e++) {
                if (!Double.isFinite(nngp[e]) || !Double.isFinite(ntk[e])) {
                    return "first non-finite after layer " + (k - 1) + ", " + layers.get(k - 1);
                }
            }
        }
        return null;
    }

    /** Blocks of up to 64×64 pairs at once when every pair is a scalar at every layer (see {@link ScalarTiles}). */
    @Override
    public TileKernel tileKernel() {
        return tiles;
    }

    @Override
    public String toString() {
        return "Network[" + inputShape + " -> " + output + ", input kernel " + (input.full() ? "full" : "diagonal")
                + (precision == Precision.FLOAT64 ? "" : ", " + precision.label()) + "]\n" + layer;
    }
}

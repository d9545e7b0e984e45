package org.ntk4j.core;

/**
 * The kernel of one pair of inputs (x, x') as it passes through the layers: the NNGP covariance
 * {@code nngp}, the tangent kernel {@code ntk}, their {@link KernelShape}, and the per-input
 * variances {@code cov1} (of x with itself) and {@code cov2} (of x' with itself) that nonlinearities
 * need.
 *
 * <p>{@code cov1}/{@code cov2} are variance chains: for every nonlinearity of the network, the spatial
 * diagonal of the input's self-covariance at that layer, at a fixed offset. They are computed once
 * per input by a recording pass over the pair (x, x) and then shared by every pair that input is in.
 *
 * <p>A state is scratch memory owned by one thread: its buffers have a fixed capacity and are
 * reused across layers and pairs. Layers write results into {@link #scratch(int)} buffers and
 * {@linkplain #setNngp(double[]) swap} them in, so no layer allocates.
 */
public final class KernelState {
    private final int capacity;
    private double[] nngp;
    private double[] ntk;
    private double[] scratch0;
    private double[] scratch1;
    private final double[][] blocks = new double[2][];
    private KernelShape shape;
    private boolean computeNtk;
    private double[] cov1;
    private double[] cov2;
    private boolean recording;

    public KernelState(int capacity) {
        this.capacity = capacity;
        this.nngp = new double[capacity];
        this.ntk = new double[capacity];
        this.scratch0 = new double[capacity];
        this.scratch1 = new double[capacity];
    }

    /**
     * Starts a pair: sets the shape and the variance chains. When {@code recording}, {@code cov1}
     * and {@code cov2} must be the same chain, which nonlinearities fill in as they go (the pair is
     * (x, x)).
     */
    public void begin(KernelShape initial, boolean withNtk, double[] chain1, double[] chain2, boolean record) {
        if (record && chain1 != chain2) {
            throw new IllegalArgumentException("a recording pass must use one chain for both inputs");
        }
        this.shape = initial;
        this.computeNtk = withNtk;
        this.cov1 = chain1;
        this.cov2 = chain2;
        this.recording = record;
        if (withNtk) {
            java.util.Arrays.fill(ntk, 0, initial.length(), 0.0);
        }
    }

    /** Copies everything of {@code other} (buffers up to its length) into this state. */
    public void copyFrom(KernelState other) {
        int len = other.shape.length();
        System.arraycopy(other.nngp, 0, nngp, 0, len);
        if (other.computeNtk) {
            System.arraycopy(other.ntk, 0, ntk, 0, len);
        }
        shape = other.shape;
        computeNtk = other.computeNtk;
        cov1 = other.cov1;
        cov2 = other.cov2;
        recording = other.recording;
    }

    public int capacity() {
        return capacity;
    }

    public double[] nngp() {
        return nngp;
    }

    public double[] ntk() {
        return ntk;
    }

    /** One of two scratch buffers ({@code i} = 0 or 1) of the same capacity. */
    public double[] scratch(int i) {
        return i == 0 ? scratch0 : scratch1;
    }

    /**
     * A second kind of scratch, for a block of intermediate rows ({@code i} = 0 or 1): at least
     * {@code length} doubles, allocated on first use and kept.
     */
    public double[] block(int i, int length) {
        if (blocks[i] == null || blocks[i].length < length) {
            blocks[i] = new double[length];
        }
        return blocks[i];
    }

    /** Makes {@code buf} (a scratch buffer or the current nngp) the nngp; the old nngp becomes scratch. */
    public void setNngp(double[] buf) {
        if (buf == nngp) {
            return;
        }
        double[] old = nngp;
        nngp = buf;
        releaseScratch(buf, old);
    }

    /** Makes {@code buf} (a scratch buffer or the current ntk) the ntk; the old ntk becomes scratch. */
    public void setNtk(double[] buf) {
        if (buf == ntk) {
            return;
        }
        double[] old = ntk;
        ntk = buf;
        releaseScratch(buf, old);
    }

    private void releaseScratch(double[] taken, double[] freed) {
        if (taken == scratch0) {
            scratch0 = freed;
        } else if (taken == scratch1) {
            scratch1 = freed;
        } else {
            throw new IllegalStateException("buffer is not one of this state's scratch buffers");
        }
    }

    public KernelShape shape() {
        return shape;
    }

    public void setShape(KernelShape newShape) {
        if (newShape.length() > capacity) {
            throw new IllegalStateException("kernel of shape " + newShape + " exceeds buffer capacity " + capacity);
        }
        this.shape = newShape;
    }

    public boolean computesNtk() {
        return computeNtk;
    }

    /** Variance chain of x. */
    public double[] cov1() {
        return cov1;
    }

    /** Variance chain of x'. */
    public double[] cov2() {
        return cov2;
    }

    /** True during the pass over (x, x) that fills the variance chain. */
    public boolean recording() {
        return recording;
    }

    /** Keeps only the spatial diagonal of a full-storage kernel (nngp and ntk); the shape becomes diagonal. */
    public void keepDiagonal() {
        int p = shape.positions();
        double[] dst = scratch0;
        SpatialOps.diagonal(nngp, p, dst);
        setNngp(dst);
        if (computeNtk) {
            dst = scratch0;
            SpatialOps.diagonal(ntk, p, dst);
            setNtk(dst);
        }
        setShape(shape.withFull(false));
    }

    /** Turns a diagonal-storage kernel into full storage with zeros off the diagonal; the shape becomes full. */
    public void expandDiagonal() {
        int p = shape.positions();
        double[] dst = scratch0;
        SpatialOps.diagonalToFull(nngp, p, dst);
        setNngp(dst);
        if (computeNtk) {
            dst = scratch0;
            SpatialOps.diagonalToFull(ntk, p, dst);
            setNtk(dst);
        }
        setShape(shape.withFull(true));
    }

    /**
     * Before a nonlinearity whose variances sit at {@code offset} in the chains: in a recording pass,
     * stores the spatial diagonal of the current nngp there.
     */
    public void recordVariances(int offset) {
        if (!recording) {
            return;
        }
        int p = shape.positions();
        if (shape.full()) {
            for (int i = 0; i < p; i++) {
                cov1[offset + i] = nngp[i * p + i];
            }
        } else {
            System.arraycopy(nngp, 0, cov1, offset, p);
        }
    }
}

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
 *
 * <p>A state has a {@link Precision}. In {@link Precision#FLOAT32} its buffers are {@code float[]}
 * ({@link #nngp32()}, {@link #scratch32(int)}, ...), the double accessors throw, and the variance
 * chains, which callers keep as {@code double[]} holding float32 values, are copied into float
 * buffers at {@link #begin}. The methods that transform both buffers ({@link #sweep},
 * {@link #affine}, {@link #combineNtk}, ...) work in either precision, so layers need not know it.
 */
public final class KernelState {
    private final int capacity;
    private final Precision precision;
    private final boolean single;
    private double[] nngp;
    private double[] ntk;
    private double[] scratch0;
    private double[] scratch1;
    private final double[][] blocks = new double[2][];
    private float[] nngp32;
    private float[] ntk32;
    private float[] scratch32a;
    private float[] scratch32b;
    private final float[][] blocks32 = new float[2][];
    private float[] chain32a = new float[0];
    private float[] chain32b = new float[0];
    private float[] cov1f;
    private float[] cov2f;
    private KernelShape shape;
    private boolean computeNtk;
    private double[] cov1;
    private double[] cov2;
    private boolean recording;
    private final ElementwiseKernel.Entry entry = new ElementwiseKernel.Entry();

    /** A float64 state whose buffers hold {@code capacity} entries. */
    public KernelState(int capacity) {
        this(capacity, Precision.FLOAT64);
    }

    /** A state of the given precision whose buffers hold {@code capacity} entries. */
    public KernelState(int capacity, Precision precision) {
        this.capacity = capacity;
        this.precision = precision;
        this.single = precision == Precision.FLOAT32;
        if (single) {
            this.nngp32 = new float[capacity];
            this.ntk32 = new float[capacity];
            this.scratch32a = new float[capacity];
            this.scratch32b = new float[capacity];
        } else {
            this.nngp = new double[capacity];
            this.ntk = new double[capacity];
            this.scratch0 = new double[capacity];
            this.scratch1 = new double[capacity];
        }
    }

    /**
     * Starts a pair: sets the shape and the variance chains. When {@code recording}, {@code cov1}
     * and {@code cov2} must be the same chain, which nonlinearities fill in as they go (the pair is
     * (x, x)). In float32 the chains must hold float32 values (as recorded by a float32 state).
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
        if (single) {
            cov1f = chain1 == null ? null : toFloat(chain1, 0, !record);
            cov2f = chain2 == null ? null : record ? cov1f : toFloat(chain2, 1, true);
            if (withNtk) {
                java.util.Arrays.fill(ntk32, 0, initial.length(), 0.0f);
            }
        } else if (withNtk) {
            java.util.Arrays.fill(ntk, 0, initial.length(), 0.0);
        }
    }

    /**
     * A float buffer (one of two, reused) as long as {@code chain}, holding its values when
     * {@code copy} (a recording pass fills the chain itself).
     */
    private float[] toFloat(double[] chain, int which, boolean copy) {
        float[] f = which == 0 ? chain32a : chain32b;
        if (f.length < chain.length) {
            f = new float[chain.length];
            if (which == 0) {
                chain32a = f;
            } else {
                chain32b = f;
            }
        }
        for (int i = 0; copy && i < chain.length; i++) {
            f[i] = (float) chain[i];
        }
        return f;
    }

    /** Copies everything of {@code other} (buffers up to its length) into this state, of the same precision. */
    public void copyFrom(KernelState other) {
        if (other.single != single) {
            throw new IllegalArgumentException("cannot copy a " + other.precision + " state into a " + precision + " one");
        }
        int len = other.shape.length();
        if (single) {
            System.arraycopy(other.nngp32, 0, nngp32, 0, len);
            if (other.computeNtk) {
                System.arraycopy(other.ntk32, 0, ntk32, 0, len);
            }
            cov1f = other.cov1f;
            cov2f = other.cov2f;
        } else {
            System.arraycopy(other.nngp, 0, nngp, 0, len);
            if (other.computeNtk) {
                System.arraycopy(other.ntk, 0, ntk, 0, len);
            }
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

    /** This state's reusable result holder for {@link ElementwiseRows} (one per thread, never shared). */
    public ElementwiseKernel.Entry entry() {
        return entry;
    }

    public Precision precision() {
        return precision;
    }

    /** True when the buffers are float32. */
    public boolean single() {
        return single;
    }

    private void need64(String what) {
        if (single) {
            throw new IllegalStateException(what + " of a float32 state: use the float32 accessor");
        }
    }

    private void need32(String what) {
        if (!single) {
            throw new IllegalStateException(what + " of a float64 state: use the double accessor");
        }
    }

    public double[] nngp() {
        need64("nngp()");
        return nngp;
    }

    public double[] ntk() {
        need64("ntk()");
        return ntk;
    }

    /** The nngp buffer of a float32 state. */
    public float[] nngp32() {
        need32("nngp32()");
        return nngp32;
    }

    /** The ntk buffer of a float32 state. */
    public float[] ntk32() {
        need32("ntk32()");
        return ntk32;
    }

    /** The nngp buffer, {@code double[]} or {@code float[]} by precision. */
    public Object nngpBuffer() {
        return single ? nngp32 : nngp;
    }

    /** The ntk buffer, {@code double[]} or {@code float[]} by precision. */
    public Object ntkBuffer() {
        return single ? ntk32 : ntk;
    }

    /** One of two scratch buffers ({@code i} = 0 or 1) of the same capacity. */
    public double[] scratch(int i) {
        need64("scratch()");
        return i == 0 ? scratch0 : scratch1;
    }

    /** One of two float32 scratch buffers ({@code i} = 0 or 1). */
    public float[] scratch32(int i) {
        need32("scratch32()");
        return i == 0 ? scratch32a : scratch32b;
    }

    /**
     * A second kind of scratch, for a block of intermediate rows ({@code i} = 0 or 1): at least
     * {@code length} entries, allocated on first use and kept; {@code double[]} or {@code float[]}
     * by precision.
     */
    public Object block(int i, int length) {
        if (single) {
            if (blocks32[i] == null || blocks32[i].length < length) {
                blocks32[i] = new float[length];
            }
            return blocks32[i];
        }
        if (blocks[i] == null || blocks[i].length < length) {
            blocks[i] = new double[length];
        }
        return blocks[i];
    }

    /** Makes {@code buf} (a scratch buffer or the current nngp) the nngp; the old nngp becomes scratch. */
    public void setNngp(double[] buf) {
        need64("setNngp(double[])");
        if (buf == nngp) {
            return;
        }
        double[] old = nngp;
        nngp = buf;
        releaseScratch(buf, old);
    }

    /** Makes {@code buf} (a scratch buffer or the current ntk) the ntk; the old ntk becomes scratch. */
    public void setNtk(double[] buf) {
        need64("setNtk(double[])");
        if (buf == ntk) {
            return;
        }
        double[] old = ntk;
        ntk = buf;
        releaseScratch(buf, old);
    }

    /** {@link #setNngp(double[])} for a float32 state. */
    public void setNngp(float[] buf) {
        need32("setNngp(float[])");
        if (buf == nngp32) {
            return;
        }
        float[] old = nngp32;
        nngp32 = buf;
        releaseScratch32(buf, old);
    }

    /** {@link #setNtk(double[])} for a float32 state. */
    public void setNtk(float[] buf) {
        need32("setNtk(float[])");
        if (buf == ntk32) {
            return;
        }
        float[] old = ntk32;
        ntk32 = buf;
        releaseScratch32(buf, old);
    }

    /** Makes scratch buffer 0 the nngp and, when computing the ntk, scratch buffer 1 the ntk. */
    public void outputToScratch() {
        if (single) {
            float[] n = scratch32a, t = scratch32b;
            setNngp(n);
            if (computeNtk) {
                setNtk(t);
            }
        } else {
            double[] n = scratch0, t = scratch1;
            setNngp(n);
            if (computeNtk) {
                setNtk(t);
            }
        }
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

    private void releaseScratch32(float[] taken, float[] freed) {
        if (taken == scratch32a) {
            scratch32a = freed;
        } else if (taken == scratch32b) {
            scratch32b = freed;
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

    /** Variance chain of x in a float32 state (a float copy of {@link #cov1()}, the same array when recording). */
    public float[] cov1f() {
        return cov1f;
    }

    /** Variance chain of x' in a float32 state. */
    public float[] cov2f() {
        return cov2f;
    }

    /** True during the pass over (x, x) that fills the variance chain. */
    public boolean recording() {
        return recording;
    }

    /** Keeps only the spatial diagonal of a full-storage kernel (nngp and ntk); the shape becomes diagonal. */
    public void keepDiagonal() {
        int p = shape.positions();
        if (single) {
            FloatSpatialOps.diagonal(nngp32, p, scratch32a);
            setNngp(scratch32a);
            if (computeNtk) {
                FloatSpatialOps.diagonal(ntk32, p, scratch32a);
                setNtk(scratch32a);
            }
        } else {
            SpatialOps.diagonal(nngp, p, scratch0);
            setNngp(scratch0);
            if (computeNtk) {
                SpatialOps.diagonal(ntk, p, scratch0);
                setNtk(scratch0);
            }
        }
        setShape(shape.withFull(false));
    }

    /** Turns a diagonal-storage kernel into full storage with zeros off the diagonal; the shape becomes full. */
    public void expandDiagonal() {
        int p = shape.positions();
        if (single) {
            FloatSpatialOps.diagonalToFull(nngp32, p, scratch32a);
            setNngp(scratch32a);
            if (computeNtk) {
                FloatSpatialOps.diagonalToFull(ntk32, p, scratch32a);
                setNtk(scratch32a);
            }
        } else {
            SpatialOps.diagonalToFull(nngp, p, scratch0);
            setNngp(scratch0);
            if (computeNtk) {
                SpatialOps.diagonalToFull(ntk, p, scratch0);
                setNtk(scratch0);
            }
        }
        setShape(shape.withFull(true));
    }

    /**
     * Before a nonlinearity whose variances sit at {@code offset} in the chains: in a recording pass,
     * stores the spatial diagonal of the current nngp there (in float32, in the float chain and, as
     * float32 values, in the caller's double chain).
     */
    public void recordVariances(int offset) {
        if (!recording) {
            return;
        }
        int p = shape.positions();
        int step = shape.full() ? p + 1 : 1;
        if (single) {
            for (int i = 0; i < p; i++) {
                float v = nngp32[i * step];
                cov1f[offset + i] = v;
                cov1[offset + i] = v;
            }
        } else if (shape.full()) {
            for (int i = 0; i < p; i++) {
                cov1[offset + i] = nngp[i * step];
            }
        } else {
            System.arraycopy(nngp, 0, cov1, offset, p);
        }
    }

    /**
     * One pass per spatial axis over nngp and (when computed) ntk, as {@link SpatialOps#sweep}:
     * convolution passes, or pooling passes when {@code pool}.
     */
    public void sweep(AxisTaps[] taps, boolean full, boolean pool) {
        if (single) {
            setNngp(FloatSpatialOps.sweep(nngp32, this, taps, full, pool));
            if (computeNtk) {
                setNtk(FloatSpatialOps.sweep(ntk32, this, taps, full, pool));
            }
        } else {
            setNngp(SpatialOps.sweep(nngp, this, taps, full, pool));
            if (computeNtk) {
                setNtk(SpatialOps.sweep(ntk, this, taps, full, pool));
            }
        }
    }

    /** {@code nngp[i] = scale·nngp[i] + shift} for {@code i ∈ [from, to)}. */
    public void affine(int from, int to, double scale, double shift) {
        if (single) {
            FloatSpatialOps.affine(nngp32, from, to, (float) scale, (float) shift);
        } else {
            SpatialOps.affine(nngp, from, to, scale, shift);
        }
    }

    /** {@code ntk[i] = alpha·ntk[i] + beta·nngp[i] + shift} for {@code i ∈ [from, to)}. */
    public void combineNtk(int from, int to, double alpha, double beta, double shift) {
        if (single) {
            FloatSpatialOps.combine(ntk32, from, to, (float) alpha, nngp32, (float) beta, (float) shift);
        } else {
            SpatialOps.combine(ntk, from, to, alpha, nngp, beta, shift);
        }
    }

    /** Multiplies the first {@code len} entries of nngp and (when computed) ntk by {@code w}. */
    public void scale(int len, double w) {
        if (single) {
            FloatSpatialOps.affine(nngp32, len, (float) w, 0.0f);
            if (computeNtk) {
                FloatSpatialOps.affine(ntk32, len, (float) w, 0.0f);
            }
        } else {
            SpatialOps.affine(nngp, len, w, 0.0);
            if (computeNtk) {
                SpatialOps.affine(ntk, len, w, 0.0);
            }
        }
    }

    /** Adds {@code w·other} to the first {@code len} entries of nngp and (when computed) ntk. */
    public void addScaled(KernelState other, int len, double w) {
        if (single) {
            FloatSpatialOps.combine(nngp32, len, 1.0f, other.nngp32, (float) w, 0.0f);
            if (computeNtk) {
                FloatSpatialOps.combine(ntk32, len, 1.0f, other.ntk32, (float) w, 0.0f);
            }
        } else {
            SpatialOps.combine(nngp, len, 1.0, other.nngp, w, 0.0);
            if (computeNtk) {
                SpatialOps.combine(ntk, len, 1.0, other.ntk, w, 0.0);
            }
        }
    }

    /** Replaces entry 0 of nngp and (when computed) ntk by the mean of their first {@code len} entries. */
    public void meanToFirst(int len) {
        if (single) {
            nngp32[0] = FloatSpatialOps.mean(nngp32, len);
            if (computeNtk) {
                ntk32[0] = FloatSpatialOps.mean(ntk32, len);
            }
        } else {
            nngp[0] = SpatialOps.mean(nngp, len);
            if (computeNtk) {
                ntk[0] = SpatialOps.mean(ntk, len);
            }
        }
    }

    /** The input covariance of x1 and x2 into nngp (see {@link SpatialOps#inputCovariance}). */
    public void inputCovariance(double[] x1, double[] x2, int positions, int channels, boolean full) {
        if (single) {
            SpatialOps.inputCovariance(x1, x2, positions, channels, full, nngp32);
        } else {
            SpatialOps.inputCovariance(x1, x2, positions, channels, full, nngp);
        }
    }

    /** Copies {@code len} values of {@code src} from {@code srcOff} into nngp at {@code dstOff}. */
    public void loadNngp(double[] src, int srcOff, int dstOff, int len) {
        if (single) {
            for (int i = 0; i < len; i++) {
                nngp32[dstOff + i] = (float) src[srcOff + i];
            }
        } else {
            System.arraycopy(src, srcOff, nngp, dstOff, len);
        }
    }

    /** Copies the first {@code len} entries of nngp (and of ntk when {@code outNtk != null}) out at {@code offset}. */
    public void copyOut(double[] outNngp, double[] outNtk, int offset, int len) {
        if (single) {
            for (int i = 0; i < len; i++) {
                outNngp[offset + i] = nngp32[i];
            }
            if (outNtk != null) {
                for (int i = 0; i < len; i++) {
                    outNtk[offset + i] = ntk32[i];
                }
            }
        } else {
            System.arraycopy(nngp, 0, outNngp, offset, len);
            if (outNtk != null) {
                System.arraycopy(ntk, 0, outNtk, offset, len);
            }
        }
    }
}

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
 * reused across layers and pairs. Layers write results into scratch buffers and swap them in, so
 * no layer allocates.
 *
 * <p>The precision is the state's type, as EJML's {@code DMatrixRMaj}/{@code FMatrixRMaj}:
 * {@link DoubleKernelState} holds {@code double[]} buffers, {@link FloatKernelState} (generated from
 * it by the kernel-core test {@code Float32Sources}) {@code float[]} ones. The operations that
 * transform both buffers ({@link #sweep}, {@link #affine}, {@link #combineNtk}, ...) are declared
 * here, so layers need not know the precision; code that reads buffers directly uses the typed
 * accessors ({@link #nngp()} of a float64 state, {@link #nngp32()} of a float32 one), and the
 * other precision's accessors throw. The variance chains that callers keep are {@code double[]} in
 * both (holding float32 values for a float32 state, which copies them into float buffers at
 * {@link #begin}).
 */
public abstract class KernelState {
    final int capacity;
    private final Precision precision;
    KernelShape shape;
    boolean computeNtk;
    double[] cov1;
    double[] cov2;
    boolean recording;
    private final ElementwiseKernel.Entry entry = new ElementwiseKernel.Entry();

    KernelState(int capacity, Precision precision) {
        this.capacity = capacity;
        this.precision = precision;
    }

    /** A state of the given precision whose buffers hold {@code capacity} entries. */
    public static KernelState of(int capacity, Precision precision) {
        return precision == Precision.FLOAT32 ? new FloatKernelState(capacity) : new DoubleKernelState(capacity);
    }

    /** A float64 state whose buffers hold {@code capacity} entries. */
    public static KernelState of(int capacity) {
        return new DoubleKernelState(capacity);
    }

    /**
     * Starts a pair: sets the shape and the variance chains. When {@code recording}, {@code cov1}
     * and {@code cov2} must be the same chain, which nonlinearities fill in as they go (the pair is
     * (x, x)). In float32 the chains must hold float32 values (as recorded by a float32 state).
     */
    public final void begin(KernelShape initial, boolean withNtk, double[] chain1, double[] chain2, boolean record) {
        if (record && chain1 != chain2) {
            throw new IllegalArgumentException("a recording pass must use one chain for both inputs");
        }
        this.shape = initial;
        this.computeNtk = withNtk;
        this.cov1 = chain1;
        this.cov2 = chain2;
        this.recording = record;
        beginBuffers(initial, withNtk, chain1, chain2, record);
    }

    /** The precision-specific part of {@link #begin}: clears the ntk, loads float chains. */
    abstract void beginBuffers(KernelShape initial, boolean withNtk, double[] chain1, double[] chain2, boolean record);

    /** Copies everything of {@code other} (buffers up to its length) into this state, of the same precision. */
    public final void copyFrom(KernelState other) {
        if (other.precision != precision) {
            throw new IllegalArgumentException("cannot copy a " + other.precision + " state into a " + precision + " one");
        }
        copyBuffers(other);
        shape = other.shape;
        computeNtk = other.computeNtk;
        cov1 = other.cov1;
        cov2 = other.cov2;
        recording = other.recording;
    }

    /** Copies {@code other}'s buffers (of this state's class) up to its length. */
    abstract void copyBuffers(KernelState other);

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
        return precision == Precision.FLOAT32;
    }

    private IllegalStateException wrongPrecision(String what) {
        return new IllegalStateException(what + " of a " + precision.label() + " state: use the "
                + (single() ? "float32" : "double") + " accessor");
    }

    /** The nngp buffer of a float64 state. */
    public double[] nngp() {
        throw wrongPrecision("nngp()");
    }

    /** The ntk buffer of a float64 state. */
    public double[] ntk() {
        throw wrongPrecision("ntk()");
    }

    /** One of two scratch buffers ({@code i} = 0 or 1) of a float64 state. */
    public double[] scratch(int i) {
        throw wrongPrecision("scratch()");
    }

    /** Makes {@code buf} (a scratch buffer or the current nngp) the nngp; the old nngp becomes scratch. */
    public void setNngp(double[] buf) {
        throw wrongPrecision("setNngp(double[])");
    }

    /** Makes {@code buf} (a scratch buffer or the current ntk) the ntk; the old ntk becomes scratch. */
    public void setNtk(double[] buf) {
        throw wrongPrecision("setNtk(double[])");
    }

    /** The nngp buffer of a float32 state. */
    public float[] nngp32() {
        throw wrongPrecision("nngp32()");
    }

    /** The ntk buffer of a float32 state. */
    public float[] ntk32() {
        throw wrongPrecision("ntk32()");
    }

    /** One of two scratch buffers ({@code i} = 0 or 1) of a float32 state. */
    public float[] scratch32(int i) {
        throw wrongPrecision("scratch32()");
    }

    /** {@link #setNngp(double[])} for a float32 state. */
    public void setNngp(float[] buf) {
        throw wrongPrecision("setNngp(float[])");
    }

    /** {@link #setNtk(double[])} for a float32 state. */
    public void setNtk(float[] buf) {
        throw wrongPrecision("setNtk(float[])");
    }

    /**
     * Whether every product {@code q11·q22} of the two inputs' variances at {@code offset} (over the
     * layer's {@code positions}, all pairs of positions) lies in {@code [min, max]} or is 0: then the
     * arc-cosine needs no per-entry range check. Computed once per pair and offset (a float64 state).
     */
    boolean productsInRange(int offset, int positions, double min, double max) {
        throw wrongPrecision("productsInRange()");
    }

    /** {@link #productsInRange} of a float32 state. */
    boolean productsInRange32(int offset, int positions, float min, float max) {
        throw wrongPrecision("productsInRange32()");
    }

    /** Variance chain of x in a float32 state (a float copy of {@link #cov1()}, the same array when recording). */
    public float[] cov1f() {
        throw wrongPrecision("cov1f()");
    }

    /** Variance chain of x' in a float32 state. */
    public float[] cov2f() {
        throw wrongPrecision("cov2f()");
    }

    /** The nngp buffer, {@code double[]} or {@code float[]} by precision. */
    public abstract Object nngpBuffer();

    /** The ntk buffer, {@code double[]} or {@code float[]} by precision. */
    public abstract Object ntkBuffer();

    /**
     * A second kind of scratch, for a block of intermediate rows ({@code i} = 0 or 1): at least
     * {@code length} entries, allocated on first use and kept; {@code double[]} or {@code float[]}
     * by precision.
     */
    public abstract Object block(int i, int length);

    /** Makes scratch buffer 0 the nngp and, when computing the ntk, scratch buffer 1 the ntk. */
    public abstract void outputToScratch();

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
    public abstract void keepDiagonal();

    /** Turns a diagonal-storage kernel into full storage with zeros off the diagonal; the shape becomes full. */
    public abstract void expandDiagonal();

    /**
     * Before a nonlinearity whose variances sit at {@code offset} in the chains: in a recording pass,
     * stores the spatial diagonal of the current nngp there (in float32, in the float chain and, as
     * float32 values, in the caller's double chain).
     */
    public abstract void recordVariances(int offset);

    /**
     * One pass per spatial axis over nngp and (when computed) ntk, as {@link SpatialOps#sweep}:
     * convolution passes, or pooling passes when {@code pool}.
     */
    public abstract void sweep(AxisTaps[] taps, boolean full, boolean pool);

    /** {@code nngp[i] = scale·nngp[i] + shift} for {@code i ∈ [from, to)}. */
    public abstract void affine(int from, int to, double scale, double shift);

    /** {@code ntk[i] = alpha·ntk[i] + beta·nngp[i] + shift} for {@code i ∈ [from, to)}. */
    public abstract void combineNtk(int from, int to, double alpha, double beta, double shift);

    /** Multiplies the first {@code len} entries of nngp and (when computed) ntk by {@code w}. */
    public abstract void scale(int len, double w);

    /** Adds {@code w·other} to the first {@code len} entries of nngp and (when computed) ntk. */
    public abstract void addScaled(KernelState other, int len, double w);

    /** Replaces entry 0 of nngp and (when computed) ntk by the mean of their first {@code len} entries. */
    public abstract void meanToFirst(int len);

    /** The input covariance of x1 and x2 into nngp (see {@link SpatialOps#inputCovariance}). */
    public abstract void inputCovariance(double[] x1, double[] x2, int positions, int channels, boolean full);

    /** Copies {@code len} values of {@code src} from {@code srcOff} into nngp at {@code dstOff}. */
    public abstract void loadNngp(double[] src, int srcOff, int dstOff, int len);

    /** Copies the first {@code len} entries of nngp (and of ntk when {@code outNtk != null}) out at {@code offset}. */
    public abstract void copyOut(double[] outNngp, double[] outNtk, int offset, int len);
}

package org.ntk4j.core;

// double only {
// FloatKernelState is generated from this file by the kernel-core test Float32Sources: lines between
// "double only" markers are left out of it, the commented "float only" blocks are put in, and lines
// marked "as is" keep their double types (the signatures shared with KernelState).
// } double only
/** A {@link KernelState} of {@code double[]} buffers ({@link Precision#FLOAT64}). */
public final class DoubleKernelState extends KernelState {
    private double[] nngp;
    private double[] ntk;
    private double[] scratch0;
    private double[] scratch1;
    private final double[][] blocks = new double[2][];
    /** {@link #productsInRange}: per chain offset, the answer and the pair ({@link #epoch}) it is for. */
    private boolean[] inRange = new boolean[0];
    private int[] rangeEpoch = new int[0];
    private int epoch;
    /* float only {
    private float[] chain32a = new float[0];
    private float[] chain32b = new float[0];
    private float[] cov1f;
    private float[] cov2f;
    } float only */

    DoubleKernelState(int capacity) {
        super(capacity, Precision.FLOAT64);
        this.nngp = new double[capacity];
        this.ntk = new double[capacity];
        this.scratch0 = new double[capacity];
        this.scratch1 = new double[capacity];
    }

    @Override
    void beginBuffers(KernelShape initial, boolean withNtk, double[] chain1, double[] chain2, boolean record) { // as is
        /* float only {
        cov1f = chain1 == null ? null : toFloat(chain1, 0, !record);
        cov2f = chain2 == null ? null : record ? cov1f : toFloat(chain2, 1, true);
        } float only */
        if (withNtk) {
            java.util.Arrays.fill(ntk, 0, initial.length(), 0.0);
        }
        epoch++;
    }

    @Override
    boolean productsInRange(int offset, int positions, double min, double max) {
        double[] c1 = cov1(), c2 = cov2();
        if (rangeEpoch.length < c1.length) {
            inRange = new boolean[c1.length];
            rangeEpoch = new int[c1.length];
        }
        if (rangeEpoch[offset] != epoch) {
            inRange[offset] = (double) extreme(c1, offset, positions, false) * extreme(c2, offset, positions, false)
                    <= (double) max
                    && (double) extreme(c1, offset, positions, true) * extreme(c2, offset, positions, true) >= (double) min;
            rangeEpoch[offset] = epoch;
        }
        return inRange[offset];
    }

    /**
     * The largest of {@code c[offset ...]} over {@code positions}, or with {@code smallest} the
     * smallest non-zero one (the largest value when all are 0: a zero variance needs no rescaling);
     * NaN when any is NaN, so that the check fails.
     */
    private static double extreme(double[] c, int offset, int positions, boolean smallest) {
        double best = smallest ? Double.POSITIVE_INFINITY : 0.0;
        for (int p = 0; p < positions; p++) {
            double v = c[offset + p];
            if (v != v) {
                return v;
            }
            if (smallest ? v != 0.0 && v < best : v > best) {
                best = v;
            }
        }
        return smallest && best == Double.POSITIVE_INFINITY ? Double.MAX_VALUE : best;
    }

    /* float only {
    /** A float buffer (one of two, reused) as long as {@code chain}, holding its values when {@code copy}. *\/
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

    @Override
    public float[] cov1f() {
        return cov1f;
    }

    @Override
    public float[] cov2f() {
        return cov2f;
    }
    } float only */

    @Override
    void copyBuffers(KernelState state) {
        DoubleKernelState other = (DoubleKernelState) state;
        int len = other.shape.length();
        System.arraycopy(other.nngp, 0, nngp, 0, len);
        if (other.computeNtk) {
            System.arraycopy(other.ntk, 0, ntk, 0, len);
        }
        /* float only {
        cov1f = other.cov1f;
        cov2f = other.cov2f;
        } float only */
    }

    @Override
    public double[] nngp() {
        return nngp;
    }

    @Override
    public double[] ntk() {
        return ntk;
    }

    @Override
    public Object nngpBuffer() {
        return nngp;
    }

    @Override
    public Object ntkBuffer() {
        return ntk;
    }

    @Override
    public double[] scratch(int i) {
        return i == 0 ? scratch0 : scratch1;
    }

    @Override
    public Object block(int i, int length) {
        if (blocks[i] == null || blocks[i].length < length) {
            blocks[i] = new double[length];
        }
        return blocks[i];
    }

    @Override
    public void setNngp(double[] buf) {
        if (buf == nngp) {
            return;
        }
        double[] old = nngp;
        nngp = buf;
        releaseScratch(buf, old);
    }

    @Override
    public void setNtk(double[] buf) {
        if (buf == ntk) {
            return;
        }
        double[] old = ntk;
        ntk = buf;
        releaseScratch(buf, old);
    }

    @Override
    public void outputToScratch() {
        double[] n = scratch0, t = scratch1;
        setNngp(n);
        if (computeNtk) {
            setNtk(t);
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

    @Override
    public void keepDiagonal() {
        int p = shape.positions();
        SpatialOps.diagonal(nngp, p, scratch0);
        setNngp(scratch0);
        if (computeNtk) {
            SpatialOps.diagonal(ntk, p, scratch0);
            setNtk(scratch0);
        }
        setShape(shape.withFull(false));
    }

    @Override
    public void expandDiagonal() {
        int p = shape.positions();
        SpatialOps.diagonalToFull(nngp, p, scratch0);
        setNngp(scratch0);
        if (computeNtk) {
            SpatialOps.diagonalToFull(ntk, p, scratch0);
            setNtk(scratch0);
        }
        setShape(shape.withFull(true));
    }

    @Override
    public void recordVariances(int offset) {
        if (!recording) {
            return;
        }
        int p = shape.positions();
        int step = shape.full() ? p + 1 : 1;
        // double only {
        if (shape.full()) {
            for (int i = 0; i < p; i++) {
                cov1[offset + i] = nngp[i * step];
            }
        } else {
            System.arraycopy(nngp, 0, cov1, offset, p);
        }
        // } double only
        /* float only {
        for (int i = 0; i < p; i++) {
            float v = nngp[i * step];
            cov1f[offset + i] = v;
            cov1[offset + i] = v;
        }
        } float only */
    }

    @Override
    public void sweep(AxisTaps[] taps, boolean full, boolean pool) {
        setNngp(SpatialOps.sweep(nngp, this, taps, full, pool));
        if (computeNtk) {
            setNtk(SpatialOps.sweep(ntk, this, taps, full, pool));
        }
    }

    @Override
    public void affine(int from, int to, double scale, double shift) { // as is
        SpatialOps.affine(nngp, from, to, (double) scale, (double) shift);
    }

    @Override
    public void combineNtk(int from, int to, double alpha, double beta, double shift) { // as is
        SpatialOps.combine(ntk, from, to, (double) alpha, nngp, (double) beta, (double) shift);
    }

    @Override
    public void scale(int len, double w) { // as is
        SpatialOps.affine(nngp, len, (double) w, 0.0);
        if (computeNtk) {
            SpatialOps.affine(ntk, len, (double) w, 0.0);
        }
    }

    @Override
    public void addScaled(KernelState state, int len, double w) { // as is
        DoubleKernelState other = (DoubleKernelState) state;
        SpatialOps.combine(nngp, len, 1.0, other.nngp, (double) w, 0.0);
        if (computeNtk) {
            SpatialOps.combine(ntk, len, 1.0, other.ntk, (double) w, 0.0);
        }
    }

    @Override
    public void meanToFirst(int len) {
        nngp[0] = SpatialOps.mean(nngp, len);
        if (computeNtk) {
            ntk[0] = SpatialOps.mean(ntk, len);
        }
    }

    @Override
    public void inputCovariance(double[] x1, double[] x2, int positions, int channels, boolean full) { // as is
        // double only {
        SpatialOps.inputCovariance(x1, x2, positions, channels, full, nngp);
        // } double only
        /* float only {
        SpatialOps.inputCovariance(x1, x2, positions, channels, full, nngp);
        } float only */
    }

    @Override
    public void loadNngp(double[] src, int srcOff, int dstOff, int len) { // as is
        // double only {
        System.arraycopy(src, srcOff, nngp, dstOff, len);
        // } double only
        /* float only {
        for (int i = 0; i < len; i++) {
            nngp[dstOff + i] = (float) src[srcOff + i];
        }
        } float only */
    }

    @Override
    public void copyOut(double[] outNngp, double[] outNtk, int offset, int len) { // as is
        // double only {
        System.arraycopy(nngp, 0, outNngp, offset, len);
        if (outNtk != null) {
            System.arraycopy(ntk, 0, outNtk, offset, len);
        }
        // } double only
        /* float only {
        for (int i = 0; i < len; i++) {
            outNngp[offset + i] = nngp[i];
        }
        if (outNtk != null) {
            for (int i = 0; i < len; i++) {
                outNtk[offset + i] = ntk[i];
            }
        }
        } float only */
    }
}

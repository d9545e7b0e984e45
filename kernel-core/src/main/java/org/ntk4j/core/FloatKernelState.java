package org.ntk4j.core;

// Generated from DoubleKernelState.java by Float32Sources (kernel-core tests); do not edit.

/** A {@link KernelState} of {@code float[]} buffers ({@link Precision#FLOAT32}). */
public final class FloatKernelState extends KernelState {
    private float[] nngp;
    private float[] ntk;
    private float[] scratch0;
    private float[] scratch1;
    private final float[][] blocks = new float[2][];
    /** {@link #productsInRange}: per chain offset, the answer and the pair ({@link #epoch}) it is for. */
    private boolean[] inRange = new boolean[0];
    private int[] rangeEpoch = new int[0];
    private int epoch;
    private float[] chain32a = new float[0];
    private float[] chain32b = new float[0];
    private float[] cov1f;
    private float[] cov2f;

    FloatKernelState(int capacity) {
        super(capacity, Precision.FLOAT32);
        this.nngp = new float[capacity];
        this.ntk = new float[capacity];
        this.scratch0 = new float[capacity];
        this.scratch1 = new float[capacity];
    }

    @Override
    void beginBuffers(KernelShape initial, boolean withNtk, double[] chain1, double[] chain2, boolean record) {
        cov1f = chain1 == null ? null : toFloat(chain1, 0, !record);
        cov2f = chain2 == null ? null : record ? cov1f : toFloat(chain2, 1, true);
        if (withNtk) {
            java.util.Arrays.fill(ntk, 0, initial.length(), 0.0f);
        }
        epoch++;
    }

    @Override
    boolean productsInRange32(int offset, int positions, float min, float max) {
        float[] c1 = cov1f(), c2 = cov2f();
        if (rangeEpoch.length < c1.length) {
            inRange = new boolean[c1.length];
            rangeEpoch = new int[c1.length];
        }
        if (rangeEpoch[offset] != epoch) {
            inRange[offset] = (float) extreme(c1, offset, positions, false) * extreme(c2, offset, positions, false)
                    <= (float) max
                    && (float) extreme(c1, offset, positions, true) * extreme(c2, offset, positions, true) >= (float) min;
            rangeEpoch[offset] = epoch;
        }
        return inRange[offset];
    }

    /**
     * The largest of {@code c[offset ...]} over {@code positions}, or with {@code smallest} the
     * smallest non-zero one (the largest value when all are 0: a zero variance needs no rescaling);
     * NaN when any is NaN, so that the check fails.
     */
    private static float extreme(float[] c, int offset, int positions, boolean smallest) {
        float best = smallest ? Float.POSITIVE_INFINITY : 0.0f;
        for (int p = 0; p < positions; p++) {
            float v = c[offset + p];
            if (v != v) {
                return v;
            }
            if (smallest ? v != 0.0f && v < best : v > best) {
                best = v;
            }
        }
        return smallest && best == Float.POSITIVE_INFINITY ? Float.MAX_VALUE : best;
    }

    /** A float buffer (one of two, reused) as long as {@code chain}, holding its values when {@code copy}. */
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

    @Override
    void copyBuffers(KernelState state) {
        FloatKernelState other = (FloatKernelState) state;
        int len = other.shape.length();
        System.arraycopy(other.nngp, 0, nngp, 0, len);
        if (other.computeNtk) {
            System.arraycopy(other.ntk, 0, ntk, 0, len);
        }
        cov1f = other.cov1f;
        cov2f = other.cov2f;
    }

    @Override
    public float[] nngp32() {
        return nngp;
    }

    @Override
    public float[] ntk32() {
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
    public float[] scratch32(int i) {
        return i == 0 ? scratch0 : scratch1;
    }

    @Override
    public Object block(int i, int length) {
        if (blocks[i] == null || blocks[i].length < length) {
            blocks[i] = new float[length];
        }
        return blocks[i];
    }

    @Override
    public void setNngp(float[] buf) {
        if (buf == nngp) {
            return;
        }
        float[] old = nngp;
        nngp = buf;
        releaseScratch(buf, old);
    }

    @Override
    public void setNtk(float[] buf) {
        if (buf == ntk) {
            return;
        }
        float[] old = ntk;
        ntk = buf;
        releaseScratch(buf, old);
    }

    @Override
    public void outputToScratch() {
        float[] n = scratch0, t = scratch1;
        setNngp(n);
        if (computeNtk) {
            setNtk(t);
        }
    }

    private void releaseScratch(float[] taken, float[] freed) {
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
        FloatSpatialOps.diagonal(nngp, p, scratch0);
        setNngp(scratch0);
        if (computeNtk) {
            FloatSpatialOps.diagonal(ntk, p, scratch0);
            setNtk(scratch0);
        }
        setShape(shape.withFull(false));
    }

    @Override
    public void expandDiagonal() {
        int p = shape.positions();
        FloatSpatialOps.diagonalToFull(nngp, p, scratch0);
        setNngp(scratch0);
        if (computeNtk) {
            FloatSpatialOps.diagonalToFull(ntk, p, scratch0);
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
        for (int i = 0; i < p; i++) {
            float v = nngp[i * step];
            cov1f[offset + i] = v;
            cov1[offset + i] = v;
        }
    }

    @Override
    public void sweep(AxisTaps[] taps, boolean full, boolean pool) {
        setNngp(FloatSpatialOps.sweep(nngp, this, taps, full, pool));
        if (computeNtk) {
            setNtk(FloatSpatialOps.sweep(ntk, this, taps, full, pool));
        }
    }

    @Override
    public void affine(int from, int to, double scale, double shift) {
        FloatSpatialOps.affine(nngp, from, to, (float) scale, (float) shift);
    }

    @Override
    public void combineNtk(int from, int to, double alpha, double beta, double shift) {
        FloatSpatialOps.combine(ntk, from, to, (float) alpha, nngp, (float) beta, (float) shift);
    }

    @Override
    public void scale(int len, double w) {
        FloatSpatialOps.affine(nngp, len, (float) w, 0.0f);
        if (computeNtk) {
            FloatSpatialOps.affine(ntk, len, (float) w, 0.0f);
        }
    }

    @Override
    public void addScaled(KernelState state, int len, double w) {
        FloatKernelState other = (FloatKernelState) state;
        FloatSpatialOps.combine(nngp, len, 1.0f, other.nngp, (float) w, 0.0f);
        if (computeNtk) {
            FloatSpatialOps.combine(ntk, len, 1.0f, other.ntk, (float) w, 0.0f);
        }
    }

    @Override
    public void meanToFirst(int len) {
        nngp[0] = FloatSpatialOps.mean(nngp, len);
        if (computeNtk) {
            ntk[0] = FloatSpatialOps.mean(ntk, len);
        }
    }

    @Override
    public void inputCovariance(double[] x1, double[] x2, int positions, int channels, boolean full) {
        SpatialOps.inputCovariance(x1, x2, positions, channels, full, nngp);
    }

    @Override
    public void loadNngp(double[] src, int srcOff, int dstOff, int len) {
        for (int i = 0; i < len; i++) {
            nngp[dstOff + i] = (float) src[srcOff + i];
        }
    }

    @Override
    public void copyOut(double[] outNngp, double[] outNtk, int offset, int len) {
        for (int i = 0; i < len; i++) {
            outNngp[offset + i] = nngp[i];
        }
        if (outNtk != null) {
            for (int i = 0; i < len; i++) {
                outNtk[offset + i] = ntk[i];
            }
        }
    }
}

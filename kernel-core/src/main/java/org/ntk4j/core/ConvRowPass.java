package org.ntk4j.core;

/**
 * Output rows of a full-storage convolution pass ({@link SpatialOps.ConvRows} or its float32 twin
 * {@link FloatSpatialOps.ConvRows}) on a state's buffers of either precision, so that a fused layer
 * is written once. Holds per-thread scratch: make one per thread and pass.
 */
public final class ConvRowPass {
    private final SpatialOps.ConvRows rows64;
    private final FloatSpatialOps.ConvRows rows32;

    /** Rows of the pass of {@code ax} over a buffer viewed as {@code (A, n, B, A, n, B)}, in {@code precision}. */
    public ConvRowPass(AxisTaps ax, int outerA, int innerB, Precision precision) {
        boolean single = precision == Precision.FLOAT32;
        this.rows64 = single ? null : new SpatialOps.ConvRows(ax, outerA, innerB);
        this.rows32 = single ? new FloatSpatialOps.ConvRows(ax, outerA, innerB) : null;
    }

    /**
     * Output row {@code (a, o, b)} written at {@code rowOut} of {@code out}, reading input row
     * {@code r} at {@code r·pin − inShift} of {@code in}; both {@code double[]} or both
     * {@code float[]}, as the precision (see {@link SpatialOps.ConvRows#row(double[], int, double[], int, int, int, int)}).
     */
    public void row(Object in, int inShift, Object out, int rowOut, int a, int o, int b) {
        if (rows32 != null) {
            rows32.row((float[]) in, inShift, (float[]) out, rowOut, a, o, b);
        } else {
            rows64.row((double[]) in, inShift, (double[]) out, rowOut, a, o, b);
        }
    }
}

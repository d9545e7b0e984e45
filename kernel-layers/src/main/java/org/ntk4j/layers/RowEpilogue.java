package org.ntk4j.layers;

import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;

/**
 * An elementwise step that can transform a full-storage kernel one row at a time (row {@code p}:
 * position {@code p} of x with every position of x'), so that the step before it can apply it to
 * each row as soon as the row is finished.
 */
public interface RowEpilogue {
    /** Transforms rows {@code [from, to)} of {@code k} (in this step's input shape) in place. */
    void applyRows(KernelState k, int from, int to);

    /** The shape after the transform. */
    KernelShape out();
}

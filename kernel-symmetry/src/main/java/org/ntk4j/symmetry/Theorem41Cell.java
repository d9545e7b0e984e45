package org.ntk4j.symmetry;

/**
 * One cell of the Theorem 4.1 table: the relative deviation of an architecture's kernels under a
 * group, the theorem's prediction, and whether they agree — an invariant cell agrees when the
 * deviation is at most {@link #INVARIANT_MAX}, a non-invariant one when it is at least
 * {@link #BROKEN_MIN}.
 *
 * @param architecture  the row
 * @param column        the column's group name
 * @param measuredGroup the group actually sampled (the column's, or for LAP and translations the
 *                      shifts by multiples of its window, the ones the theorem covers)
 * @param deviation     NNGP and NTK relative deviations
 * @param predictedInvariant what Theorem 4.1 says
 */
public record Theorem41Cell(Architecture architecture, String column, String measuredGroup, Deviation deviation,
        boolean predictedInvariant) {
    /** Largest deviation still counted as invariant (round-off). */
    public static final double INVARIANT_MAX = 1e-10;
    /** Smallest deviation counted as clearly not invariant. */
    public static final double BROKEN_MIN = 1e-3;

    /** Whether the measurement agrees with the prediction. */
    public boolean agrees() {
        double d = deviation.max();
        return predictedInvariant ? d <= INVARIANT_MAX : d >= BROKEN_MIN;
    }
}

package org.ntk4j.layers;

import java.util.List;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.core.Workspace;

/**
 * A layer bound to the shapes of its input branches: the compiled form of a {@link Layer}.
 *
 * <p>Compilation runs in three passes, as neural-tangents' {@code diagonal_spatial} algebra:
 * <ol>
 *   <li>{@link Layer#bind} forward: shape rules and their errors; output shapes.</li>
 *   <li>{@link #needsFull} backward: whether each input must hold the full P×P spatial covariance,
 *       given what the outputs must hold (only pooling reads off-diagonal entries).</li>
 *   <li>{@link #fix} forward: the storage of every edge is fixed, variance-chain offsets and buffer
 *       capacity are assigned.</li>
 * </ol>
 * Then {@link #apply} runs per pair on one thread's states, allocation-free apart from branch
 * arrays.
 */
public abstract class Node {
    /** Output shapes, one per branch (storage not yet fixed before {@link #fix}). */
    public abstract List<KernelShape> outputs();

    /** Full storage needed at each input, given the storage needed at each output. */
    public abstract boolean[] needsFull(boolean[] fullOut);

    /** Fixes storage: {@code fullIn} is what {@link #needsFull} returned for {@code fullOut}. */
    public abstract void fix(boolean[] fullIn, boolean[] fullOut, Compilation c);

    /** Transforms the pair's kernels, one state per input branch, returning one per output branch. */
    public abstract KernelState[] apply(KernelState[] in, Workspace ws);
}

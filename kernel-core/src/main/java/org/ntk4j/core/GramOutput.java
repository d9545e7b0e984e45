package org.ntk4j.core;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The assembled output of a Gram build (local, from a checkpoint directory, or on a Spark driver):
 * the NNGP (and NTK) as flat C-order float64 arrays off the Java heap, in the layout of
 * {@link TileGrid} (pair (i, j) at {@code (i·N2 + j)·entryLength}), written tile by tile and handed
 * out as ND4J arrays without a copy. Tiles may be pasted from several threads at once.
 *
 * <p>The memory is allocated untouched: its pages are first written by whichever worker pastes a
 * tile there, so the cost of faulting in a 10,000 × 10,000 output (800 MB per kernel) is shared by
 * the workers instead of paid up front by one thread, and there is no heap copy to move into ND4J
 * at the end. Every entry is written before {@link #kernel()} is called: each tile of the grid is
 * pasted, and in a symmetric build mirrored.
 */
public final class GramOutput {
    private final TileGrid grid;
    private final DoublePointer nngpMemory;
    private final DoublePointer ntkMemory;
    private final DoubleIndexer nngp;
    private final DoubleIndexer ntk;

    /** Untouched memory for the whole output of {@code grid}, with the NTK when {@code withNtk}. */
    public GramOutput(TileGrid grid, boolean withNtk) {
        this.grid = grid;
        long length = Math.max(1, outputLength(grid));
        this.nngpMemory = new DoublePointer(length);
        this.nngp = DoubleIndexer.create(nngpMemory);
        this.ntkMemory = withNtk ? new DoublePointer(length) : null;
        this.ntk = withNtk ? DoubleIndexer.create(ntkMemory) : null;
    }

    private static long outputLength(TileGrid grid) {
        long length = 1;
        for (long d : grid.resultShape()) {
            length = Math.multiplyExact(length, d);
        }
        return length;
    }

    /** Writes a computed or restored tile, and in a symmetric build its mirror image below the diagonal. */
    public void paste(TileBlock block) {
        paste(block.tile(), block.nngp(), nngp);
        if (ntk != null) {
            paste(block.tile(), block.ntk(), ntk);
        }
    }

    private void paste(TileGrid.Tile t, double[] values, DoubleIndexer out) {
        final int e = grid.entryLength();
        final long n2 = grid.n2();
        final int len = t.cols() * e;
        for (int i = t.iFrom(); i < t.iTo(); i++) {
            out.put(((long) i * n2 + t.jFrom()) * e, values, (i - t.iFrom()) * len, len);
        }
        if (!grid.symmetric()) {
            return;
        }
        // The mirror tile, built in a scratch block (entries transposed where they are P×P), then
        // written row by row like the tile itself.
        final int rows = t.rows(), cols = t.cols();
        double[] mirror = new double[values.length];
        grid.mirrorBlock(values, rows, cols, mirror);
        final int mirrorLen = rows * e;
        for (int j = t.jFrom(); j < t.jTo(); j++) {
            int c = j - t.jFrom();
            if (j < t.iTo()) {
                // A diagonal tile: only the part below the diagonal (i < j) is a mirror image.
                int upTo = Math.min(rows, j - t.iFrom());
                out.put(((long) j * n2 + t.iFrom()) * e, mirror, c * mirrorLen, upTo * e);
            } else {
                out.put(((long) j * n2 + t.iFrom()) * e, mirror, c * mirrorLen, mirrorLen);
            }
        }
    }

    /** The finished kernel, of shape {@link TileGrid#resultShape()}; the arrays own this memory from now on. */
    public Kernel kernel() {
        return new Kernel(wrap(nngpMemory, nngp), ntkMemory == null ? null : wrap(ntkMemory, ntk));
    }

    private INDArray wrap(DoublePointer memory, DoubleIndexer indexer) {
        long[] shape = grid.resultShape();
        long[] stride = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            stride[d] = s;
            s *= shape[d];
        }
        return Nd4j.create(Nd4j.createBuffer(memory, DataType.DOUBLE, outputLength(grid), indexer), shape, stride, 0,
                'c');
    }
}

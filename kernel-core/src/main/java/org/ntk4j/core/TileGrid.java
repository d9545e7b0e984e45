package org.ntk4j.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The layout of a Gram build's output and its square tiles. The output is a flat C-order array of
 * shape {@code (N1, N2, entryShape...)}: pair (i, j) holds its {@code entryLength} values at
 * {@code (i·N2 + j)·entryLength}. Tile (r, c) covers rows {@code [r·T, min(N1, (r+1)·T))} and
 * columns {@code [c·T, min(N2, (c+1)·T))}; a symmetric build has only the tiles with c ≥ r, and
 * each is mirrored to (c, r) (transposing full spatial entries).
 */
public final class TileGrid {
    /**
     * One tile: its grid position (row, column) and the rows {@code [iFrom, iTo)} of X1 and columns
     * {@code [jFrom, jTo)} of X2 it covers.
     */
    public record Tile(int row, int col, int iFrom, int iTo, int jFrom, int jTo) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Rows of X1 covered. */
        public int rows() {
            return iTo - iFrom;
        }

        /** Columns of X2 covered. */
        public int cols() {
            return jTo - jFrom;
        }
    }

    private final int n1;
    private final int n2;
    private final int tileSize;
    private final boolean symmetric;
    private final long[] entryShape;
    private final boolean full;
    private final int entryLength;

    /**
     * @param entryShape the shape of one pair's entry ({@code spatial} or {@code spatial, spatial})
     * @param full whether entries are full P×P covariances (mirrored by transposing)
     */
    TileGrid(int n1, int n2, int tileSize, boolean symmetric, long[] entryShape, boolean full) {
        this.n1 = n1;
        this.n2 = n2;
        this.tileSize = tileSize;
        this.symmetric = symmetric;
        this.entryShape = entryShape.clone();
        this.full = full;
        this.entryLength = Math.toIntExact(Arrays.stream(entryShape).reduce(1, Math::multiplyExact));
    }

    /** The grid of a build whose entries have the kernel shape {@code out}. */
    static TileGrid of(int n1, int n2, int tileSize, boolean symmetric, KernelShape out) {
        int[] sp = out.spatial();
        int copies = out.full() ? 2 : 1;
        long[] entry = new long[copies * sp.length];
        for (int i = 0; i < entry.length; i++) {
            entry[i] = sp[i % sp.length];
        }
        return new TileGrid(n1, n2, tileSize, symmetric, entry, out.full());
    }

    /** Inputs in X1 (rows of the output). */
    public int n1() {
        return n1;
    }

    /** Inputs in X2 (columns of the output). */
    public int n2() {
        return n2;
    }

    /** Whether X2 is X1 and only tiles on and above the diagonal are computed. */
    public boolean symmetric() {
        return symmetric;
    }

    /** Doubles per pair. */
    public int entryLength() {
        return entryLength;
    }

    /** The shape of one pair's entry: {@code []}, {@code [spatial...]} or {@code [spatial..., spatial...]}. */
    public long[] entryShape() {
        return entryShape.clone();
    }

    /** Whether entries are full P×P spatial covariances. */
    public boolean full() {
        return full;
    }

    /** Doubles in the whole output. */
    public int outputLength() {
        long entries = (long) n1 * n2 * entryLength;
        if (entries > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Gram of " + n1 + " x " + n2 + " x " + entryLength
                    + " entries does not fit one array; split X into blocks");
        }
        return (int) entries;
    }

    /** {@code (N1, N2, entryShape...)}. */
    public long[] resultShape() {
        long[] shape = new long[2 + entryShape.length];
        shape[0] = n1;
        shape[1] = n2;
        System.arraycopy(entryShape, 0, shape, 2, entryShape.length);
        return shape;
    }

    /** {@code (rows, cols, entryShape...)} of one tile's block. */
    public long[] blockShape(Tile t) {
        long[] shape = resultShape();
        shape[0] = t.rows();
        shape[1] = t.cols();
        return shape;
    }

    /** The tiles to compute, row by row. */
    public List<Tile> tiles() {
        List<Tile> tiles = new ArrayList<>();
        for (int i0 = 0, r = 0; i0 < n1; i0 += tileSize, r++) {
            for (int j0 = symmetric ? i0 : 0, c = j0 / tileSize; j0 < n2; j0 += tileSize, c++) {
                tiles.add(new Tile(r, c, i0, Math.min(n1, i0 + tileSize), j0, Math.min(n2, j0 + tileSize)));
            }
        }
        return tiles;
    }

    /** Pairs a tile computes: all of them, or those above the diagonal for a diagonal tile of a symmetric build. */
    public long pairs(Tile t) {
        return symmetric && t.row() == t.col() ? (long) t.rows() * (t.rows() - 1) / 2 : (long) t.rows() * t.cols();
    }

    /**
     * The mirror image of a {@code rows × cols} block of entries (C order): {@code mirror} gets
     * the {@code cols × rows} block whose entry (c, r) is {@link #mirror} of entry (r, c).
     */
    void mirrorBlock(double[] block, int rows, int cols, double[] mirror) {
        if (entryLength == 1) {
            for (int c = 0; c < cols; c++) {
                for (int r = 0, from = c; r < rows; r++, from += cols) {
                    mirror[c * rows + r] = block[from];
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                mirror(block, (r * cols + c) * entryLength, mirror, (c * rows + r) * entryLength);
            }
        }
    }

    /** K(x_j, x_i) from K(x_i, x_j) within {@code out}: equal for scalars and diagonals, transposed for full storage. */
    void mirror(double[] out, int from, int to) {
        mirror(out, from, out, to);
    }

    /**
     * K(x_j, x_i) at {@code dst[to]} from K(x_i, x_j) at {@code src[from]}: the same values for
     * scalars and diagonals, the transposed P×P block for full storage.
     */
    void mirror(double[] src, int from, double[] dst, int to) {
        if (entryLength == 1) {
            dst[to] = src[from];
            return;
        }
        if (!full) {
            System.arraycopy(src, from, dst, to, entryLength);
            return;
        }
        int p = (int) Math.round(Math.sqrt(entryLength));
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                dst[to + b * p + a] = src[from + a * p + b];
            }
        }
    }
}

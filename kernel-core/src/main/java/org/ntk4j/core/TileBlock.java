package org.ntk4j.core;

import java.io.Serializable;

/**
 * One finished tile of a Gram build: its NNGP (and NTK, or null) entries as C-order arrays of
 * shape {@code (rows, cols, entryShape...)}, the layout of a checkpoint tile file (see
 * {@link GramCheckpoint}). In a symmetric build a diagonal tile holds its whole square block: the
 * diagonal from the inputs' passes with themselves and the lower triangle mirrored from the upper.
 *
 * @param tile the tile
 * @param nngp its NNGP entries
 * @param ntk its NTK entries, or null when the build computes the NNGP only
 */
public record TileBlock(TileGrid.Tile tile, double[] nngp, double[] ntk) implements Serializable {
    private static final long serialVersionUID = 1L;
}

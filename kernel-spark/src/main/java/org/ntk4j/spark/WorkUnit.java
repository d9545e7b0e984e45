package org.ntk4j.spark;

import java.io.Serializable;
import java.util.List;
import org.ntk4j.core.TileGrid;

/**
 * One Spark task's work: unit {@code index} of {@code GramTiles.units}, its tiles (consecutive
 * tiles of one row of the tile grid).
 */
record WorkUnit(int index, List<TileGrid.Tile> tiles) implements Serializable {
}

package org.ntk4j.spark;

import java.io.Serializable;
import java.util.List;
import org.ntk4j.core.TileBlock;

/**
 * What a task sends back to the driver: the units it did, how many of their tiles it restored from
 * the tile directory and how many it computed, and (when the driver assembles the Gram) all their
 * tiles.
 */
record UnitResult(List<Integer> units, int restored, int computed, List<TileBlock> blocks) implements Serializable {
}

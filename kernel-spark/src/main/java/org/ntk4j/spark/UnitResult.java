package org.ntk4j.spark;

import java.io.Serializable;
import java.util.List;
import org.ntk4j.core.TileBlock;

/**
 * What a task sends back to the driver: the units it did, how many of their tiles it restored from
 * the tile directory (and how many kernel entries those hold) and how many it computed, (when the
 * driver assembles the Gram) all their tiles, and the executor that ran it with whether its JVM
 * computes on SIMD lanes ({@code org.ntk4j.core.Simd.ENABLED}).
 */
record UnitResult(List<Integer> units, int restored, long restoredEntries, int computed, List<TileBlock> blocks,
        String executor, boolean simd) implements Serializable {
}

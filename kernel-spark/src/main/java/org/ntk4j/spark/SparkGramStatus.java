package org.ntk4j.spark;

/**
 * Where a {@link SparkGram} build stands, as the driver sees it: tiles done (restored from the tile
 * directory or computed by executors) out of all tiles, the same in kernel entries (pairs, the
 * diagonal included: {@code N(N+1)/2} for a symmetric Gram, {@code N1·N2} otherwise), and the
 * estimated seconds left from the rate of the tiles computed so far.
 *
 * @param tilesDone        tiles finished, restored ones included
 * @param tilesTotal       tiles of the build
 * @param tilesRestored    tiles found in the tile directory rather than computed
 * @param entriesDone      kernel entries in the finished tiles
 * @param entriesTotal     kernel entries of the build
 * @param entriesRestored  kernel entries in the restored tiles
 * @param seconds          seconds since the build started
 * @param etaSeconds       estimated seconds left (infinite until a tile has been computed)
 */
public record SparkGramStatus(int tilesDone, int tilesTotal, int tilesRestored, long entriesDone, long entriesTotal,
        long entriesRestored, double seconds, double etaSeconds) {

    /** Entries computed (not restored) per second so far. */
    public double entriesPerSecond() {
        return seconds > 0 ? (entriesDone - entriesRestored) / seconds : 0;
    }
}

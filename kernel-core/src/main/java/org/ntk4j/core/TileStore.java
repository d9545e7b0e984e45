package org.ntk4j.core;

/**
 * Where a Gram build keeps its finished tiles between runs (see {@link GramCheckpoint}); the hook
 * {@link GramJob} calls around computing each tile. Called from worker threads, concurrently for
 * different tiles.
 */
interface TileStore {
    /**
     * Fills the tile's entries of {@code outNngp} (and {@code outNtk}, if not null) from a stored
     * copy, mirrored in a symmetric build.
     *
     * @return false, leaving the outputs alone, when the tile is not stored (or its copy is unreadable)
     */
    boolean restore(TileGrid.Tile tile, double[] outNngp, double[] outNtk);

    /** Stores the tile's entries, just computed into {@code outNngp} (and {@code outNtk}, if not null). */
    void save(TileGrid.Tile tile, double[] outNngp, double[] outNtk);

    /** Keeps nothing: every tile is computed. */
    TileStore NONE = new TileStore() {
        @Override
        public boolean restore(TileGrid.Tile tile, double[] outNngp, double[] outNtk) {
            return false;
        }

        @Override
        public void save(TileGrid.Tile tile, double[] outNngp, double[] outNtk) {
        }
    };
}

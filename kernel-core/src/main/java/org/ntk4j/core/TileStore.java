package org.ntk4j.core;

/**
 * Where a Gram build keeps its finished tiles between runs (see {@link GramCheckpoint}); the hook
 * {@link GramJob} calls around computing each tile. Called from worker threads, concurrently for
 * different tiles.
 */
interface TileStore {
    /** The stored copy of a tile, or null when it is not stored (or its copy is unreadable). */
    TileBlock load(TileGrid.Tile tile);

    /** Stores a tile just computed. */
    void save(TileBlock block);

    /** Keeps nothing: every tile is computed. */
    TileStore NONE = new TileStore() {
        @Override
        public TileBlock load(TileGrid.Tile tile) {
            return null;
        }

        @Override
        public void save(TileBlock block) {
        }
    };
}

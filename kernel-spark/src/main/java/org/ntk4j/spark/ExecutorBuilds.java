package org.ntk4j.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ntk4j.core.GramTiles;
import org.ntk4j.core.Ntk4j;

/**
 * The builds an executor JVM works on, opened once per build and shared by its task threads: the
 * parsed network, the inputs and their matrices, and a cache of the inputs' variance chains when
 * all of them fit in an eighth of the heap (at most 1 GiB), so that each input's pass with itself
 * runs once per executor rather than once per task (fully connected networks: their block
 * evaluation is far cheaper per pair than a pass). Keeps the two most recent builds.
 */
final class ExecutorBuilds {
    private static final int KEEP = 2;
    private static final long CACHE_LIMIT_BYTES = Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 8);
    private static final Map<String, Build> BUILDS = new LinkedHashMap<>(4, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Build> eldest) {
            return size() > KEEP;
        }
    };

    /** A build opened on this executor, with its chain cache (null when the chains would not fit). */
    record Build(GramTiles tiles, GramTiles.Chains chains) {
    }

    private ExecutorBuilds() {
    }

    /** The build, opened by the first task of the build on this JVM. */
    static Build get(ShippedBuild shipped) {
        synchronized (BUILDS) {
            Build build = BUILDS.get(shipped.id());
            if (build == null) {
                Ntk4j.init();
                GramTiles tiles = shipped.open();
                boolean cache = tiles.chainDoubles() * Double.BYTES <= CACHE_LIMIT_BYTES;
                build = new Build(tiles, cache ? tiles.newChains() : null);
                BUILDS.put(shipped.id(), build);
            }
            return build;
        }
    }
}

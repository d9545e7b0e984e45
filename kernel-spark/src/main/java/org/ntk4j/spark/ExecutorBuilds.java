package org.ntk4j.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ntk4j.core.GramTiles;
import org.ntk4j.core.Ntk4j;

/**
 * The builds an executor JVM works on, opened once per build and shared by its task threads: the
 * parsed network, the inputs and their matrices. Keeps the two most recent builds.
 */
final class ExecutorBuilds {
    private static final int KEEP = 2;
    private static final Map<String, GramTiles> BUILDS = new LinkedHashMap<>(4, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GramTiles> eldest) {
            return size() > KEEP;
        }
    };

    private ExecutorBuilds() {
    }

    /** The build's tiles, opened by the first task of the build on this JVM. */
    static GramTiles get(ShippedBuild build) {
        synchronized (BUILDS) {
            GramTiles tiles = BUILDS.get(build.id());
            if (tiles == null) {
                Ntk4j.init();
                tiles = build.open();
                BUILDS.put(build.id(), tiles);
            }
            return tiles;
        }
    }
}

package org.ntk4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.ntk4j.core.GramCheckpoint;
import org.ntk4j.core.GramTiles;
import org.ntk4j.core.Simd;
import org.ntk4j.core.TileBlock;
import org.ntk4j.core.TileGrid;
import org.ntk4j.core.Workspace;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * The function a Spark task runs on an executor over its partition of {@link WorkUnit}s: for each
 * unit, the tiles already in the tile directory are restored and the others computed by
 * {@link GramTiles#compute} (the local builder's code) and written to the directory as they finish.
 * Tiles go back to the driver when it assembles the Gram.
 */
final class UnitTask extends AbstractFunction1<Iterator<WorkUnit>, UnitResult> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ShippedBuild build;

    UnitTask(ShippedBuild build) {
        this.build = build;
    }

    @Override
    public UnitResult apply(Iterator<WorkUnit> units) {
        ExecutorBuilds.Build opened = ExecutorBuilds.get(build);
        GramTiles tiles = opened.tiles();
        GramCheckpoint store = build.tileDir() == null ? null : join(tiles);
        TaskContext context = TaskContext.get();
        GramTiles.Monitor monitor = new GramTiles.Monitor() {
            @Override
            public void check() {
                if (context != null) {
                    context.killTaskIfInterrupted();
                }
            }

            @Override
            public void advance(long entries) {
            }
        };
        Workspace ws = tiles.kernel().newWorkspace();
        List<Integer> done = new ArrayList<>();
        List<TileBlock> blocks = new ArrayList<>();
        int restored = 0, computed = 0;
        long restoredEntries = 0;
        while (units.hasNext()) {
            WorkUnit unit = units.next();
            if (build.failAlways().contains(unit.index())) {
                throw new IllegalStateException("injected failure in unit " + unit.index());
            }
            List<TileGrid.Tile> todo = new ArrayList<>();
            for (TileGrid.Tile t : unit.tiles()) {
                TileBlock stored = store == null ? null : store.load(t);
                if (stored == null) {
                    todo.add(t);
                } else {
                    restored++;
                    restoredEntries += tiles.grid().symmetric() && t.row() == t.col()
                            ? (long) t.rows() * (t.rows() + 1) / 2 : (long) t.rows() * t.cols();
                    if (build.returnBlocks()) {
                        blocks.add(stored);
                    }
                }
            }
            GramTiles.Chains chains = tiles.chainsFor(todo, ws, opened.chains());
            int[] count = {0};
            tiles.compute(todo, chains, ws, monitor, block -> {
                if (store != null) {
                    store.save(block);
                }
                if (build.returnBlocks()) {
                    blocks.add(block);
                }
                count[0]++;
                failFirstAttempt(unit.index(), context);
            });
            computed += count[0];
            done.add(unit.index());
        }
        return new UnitResult(done, restored, restoredEntries, computed, blocks, executorName(), Simd.ENABLED);
    }

    /** {@code executor ID on HOST}, as Spark's UI names it ({@code driver} in local mode). */
    private static String executorName() {
        SparkEnv env = SparkEnv.get();
        String id = env == null ? "?" : env.executorId();
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "?";
        }
        return "executor " + id + " on " + host;
    }

    private GramCheckpoint join(GramTiles tiles) {
        try {
            return GramCheckpoint.join(Path.of(build.tileDir()), tiles);
        } catch (IOException e) {
            throw new UncheckedIOException("executor cannot read the tile directory " + build.tileDir() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The fault injection of tests: a unit's first attempt fails after its first finished tile. */
    private void failFirstAttempt(int unit, TaskContext context) {
        boolean first = context == null || context.attemptNumber() == 0;
        if (first && build.failFirst().contains(unit)) {
            throw new IllegalStateException("injected failure in unit " + unit
                    + (context == null ? "" : ", attempt " + context.attemptNumber()));
        }
    }
}

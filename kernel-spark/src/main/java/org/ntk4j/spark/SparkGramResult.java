package org.ntk4j.spark;

import java.util.List;
import org.ntk4j.core.Kernel;

/**
 * The outcome of a {@link SparkGram} build.
 *
 * @param kernel           the Gram matrices assembled on the driver, or null when only tiles were written
 * @param tiles            tiles of the build
 * @param restored         tiles found in the tile directory (on the driver or by executors) rather than computed
 * @param computed         tiles computed by executors
 * @param tasks            Spark tasks run (units of tiles not already complete in the tile directory)
 * @param seconds          wall-clock seconds on the driver
 * @param scalarExecutors  the executors that computed tiles without the Vector API (scalar loops: the same
 *                         bits, 1.5–2.7× slower), e.g. {@code executor 1 on host}; empty when every one had it
 */
public record SparkGramResult(Kernel kernel, int tiles, int restored, int computed, int tasks, double seconds,
        List<String> scalarExecutors) {
    public SparkGramResult {
        scalarExecutors = List.copyOf(scalarExecutors);
    }
}

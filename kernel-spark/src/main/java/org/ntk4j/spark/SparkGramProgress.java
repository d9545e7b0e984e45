package org.ntk4j.spark;

/**
 * Receives the progress of a {@link SparkGram} build on the driver: once when the tile directory
 * has been read, then each time a task's tiles arrive. Never called concurrently.
 */
@FunctionalInterface
public interface SparkGramProgress {
    void update(SparkGramStatus status);

    /** Called once when the build has finished (or failed, or was cancelled). */
    default void finished(SparkGramStatus status) {
    }

    /** A listener that ignores everything. */
    SparkGramProgress NONE = status -> {
    };
}

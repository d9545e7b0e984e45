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

    /**
     * Called at most once per build when an executor computes without the Vector API (see
     * {@link SparkGramResult#scalarExecutors}); the message says which executor and what to add. The default
     * logs it at warn through SLF4J.
     */
    default void warning(String message) {
        org.slf4j.LoggerFactory.getLogger(SparkGram.class).warn(message);
    }

    /** A listener that ignores everything but warnings (logged through SLF4J). */
    SparkGramProgress NONE = status -> {
    };
}

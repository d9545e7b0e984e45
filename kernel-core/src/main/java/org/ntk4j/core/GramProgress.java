package org.ntk4j.core;

/**
 * Receives the progress of a {@link Gram} build: kernel entries (pairs, including each input's
 * pass with itself) done out of the total, the rate in entries per second and the estimated
 * seconds left. Called from worker threads, never concurrently.
 */
@FunctionalInterface
public interface GramProgress {
    void update(long done, long total, double entriesPerSecond, double etaSeconds);

    /** Called once when the build has finished (or stopped). */
    default void finished(long done, long total, double seconds) {
    }

    /** A listener that ignores everything. */
    GramProgress NONE = (done, total, rate, eta) -> {
    };
}

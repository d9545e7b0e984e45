package org.ntk4j.core;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for background work with the library's error conventions. */
public final class Concurrency {
    private Concurrency() {
    }

    /**
     * The result of {@code f}. An interrupt of the waiting thread becomes a
     * {@link CancellationException} (the interrupt flag is kept); a failure of the task rethrows its
     * runtime exception, or wraps a checked one in an {@link IllegalStateException}.
     *
     * @param what the work, for messages, e.g. "Monte Carlo draw"
     */
    public static <T> T await(Future<T> f, String what) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException(what + " interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException r ? r : new IllegalStateException(what + " failed", c);
        }
    }
}

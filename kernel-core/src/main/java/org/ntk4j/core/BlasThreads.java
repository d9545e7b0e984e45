package org.ntk4j.core;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Single-threaded BLAS while Gram builds run their own workers, so that a build on {@code n}
 * threads uses {@code n} cores: each worker's matrix product would otherwise start as many OpenMP
 * threads as there are cores, which then compete with the other workers (measured on 2 cores: a
 * 10,000-input FCN Gram in 5.5–6 s instead of 7.5–8.4 s).
 *
 * <p>Reference-counted across concurrent builds; the previous setting comes back when the last one
 * releases it. The setting is process-wide, so other ND4J products running at the same time are
 * single-threaded too.
 */
final class BlasThreads {
    private static int holders;
    private static int saved;

    private BlasThreads() {
    }

    /** Makes BLAS single-threaded until the matching {@link #release()}. */
    static synchronized void acquireSingle() {
        Blas blas = Nd4j.factory().blas();
        if (holders++ == 0) {
            saved = blas.getMaxThreads();
            blas.setMaxThreads(1);
        }
    }

    /** Gives back the setting taken by {@link #acquireSingle()}. */
    static synchronized void release() {
        if (holders == 0) {
            throw new IllegalStateException("BlasThreads released more often than acquired");
        }
        if (--holders == 0) {
            Nd4j.factory().blas().setMaxThreads(saved);
        }
    }
}

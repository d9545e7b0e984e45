package org.ntk4j.core;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Library-wide set-up: ND4J in float64, done once before any array is made. */
public final class Ntk4j {
    private static volatile boolean initialised;

    private Ntk4j() {
    }

    /** Sets ND4J's default data types to DOUBLE (idempotent, thread-safe). */
    public static void init() {
        if (!initialised) {
            synchronized (Ntk4j.class) {
                if (!initialised) {
                    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
                    initialised = true;
                }
            }
        }
    }
}

package org.ntk4j.core;

/**
 * Whether the hot loops run on SIMD lanes (the JDK Vector API): when the
 * {@code jdk.incubator.vector} module is present (run the JVM with
 * {@code --add-modules jdk.incubator.vector}) unless the system property {@code ntk4j.scalar=true}
 * forces the scalar paths. Classes that use the Vector API are only loaded when this is true.
 */
public final class Simd {
    /** True when the vectorised loops are used. */
    public static final boolean ENABLED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("ntk4j.scalar");

    private Simd() {
    }
}

package org.ntk4j.core;

/**
 * Entrywise products of two pairs' kernels, in either {@link Precision}: the kernel of the
 * entrywise product of two independent branches (neural-tangents' {@code FanInProd}).
 */
public final class KernelProducts {
    private KernelProducts() {
    }

    /**
     * Multiplies {@code acc} by {@code other} over their first {@code len} entries, as the product
     * rule: {@code ntk ← ntk·K_other + nngp·Θ_other} (when the ntk is computed), then
     * {@code nngp ← nngp·K_other}. Both states must have the same precision and storage.
     */
    public static void multiplyInto(KernelState acc, KernelState other, int len) {
        if (acc.single() != other.single()) {
            throw new IllegalArgumentException("cannot multiply a " + other.precision() + " state into a "
                    + acc.precision() + " one");
        }
        boolean ntk = acc.computesNtk();
        if (acc.single()) {
            float[] n = acc.nngp32(), m = other.nngp32();
            if (ntk) {
                float[] t = acc.ntk32(), u = other.ntk32();
                for (int i = 0; i < len; i++) {
                    t[i] = t[i] * m[i] + n[i] * u[i];
                }
            }
            for (int i = 0; i < len; i++) {
                n[i] *= m[i];
            }
        } else {
            double[] n = acc.nngp(), m = other.nngp();
            if (ntk) {
                double[] t = acc.ntk(), u = other.ntk();
                for (int i = 0; i < len; i++) {
                    t[i] = t[i] * m[i] + n[i] * u[i];
                }
            }
            for (int i = 0; i < len; i++) {
                n[i] *= m[i];
            }
        }
    }
}

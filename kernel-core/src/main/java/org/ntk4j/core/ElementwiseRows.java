package org.ntk4j.core;

/**
 * The row loop shared by every pointwise nonlinearity: applies an {@link ElementwiseKernel} to
 * rows {@code [from, to)} of a pair's kernel in place, in either precision.
 *
 * <p>Entry {@code i} of row {@code p} (position {@code p} of x with position {@code p'} of x') has
 * {@code q12 = nngp[i]}, {@code q11 = cov1[offset + p]} and {@code q22 = cov2[offset + p']}; in
 * diagonal storage the whole kernel is one row with {@code p' = p}. Afterwards
 * {@code nngp[i] = F(q12, q11, q22)} and, when the ntk is computed, {@code ntk[i] *= K̇}.
 * A float32 state reads its float chains ({@link KernelState#cov1f()}), evaluates the entry in
 * double and rounds both results once.
 */
public final class ElementwiseRows {
    private ElementwiseRows() {
    }

    /** Rows of a kernel in its storage: {@code P} in full storage, 1 in diagonal storage. */
    public static int rows(KernelState k) {
        return k.shape().full() ? k.shape().positions() : 1;
    }

    /** Applies {@code f} to rows {@code [from, to)} of {@code k}, variances at {@code offset} of its chains. */
    public static void apply(ElementwiseKernel f, KernelState k, int offset, int from, int to) {
        ElementwiseKernel.Entry e = k.entry();
        if (k.single()) {
            apply32(f, k, offset, from, to, e);
        } else {
            apply64(f, k, offset, from, to, e);
        }
    }

    private static void apply64(ElementwiseKernel f, KernelState k, int offset, int from, int to,
            ElementwiseKernel.Entry e) {
        final int positions = k.shape().positions();
        final double[] nngp = k.nngp();
        final double[] ntk = k.computesNtk() ? k.ntk() : null;
        final double[] cov1 = k.cov1(), cov2 = k.cov2();
        final boolean full = k.shape().full();
        for (int p = full ? from : 0; p < (full ? to : 1); p++) {
            final int row = full ? p * positions : 0;
            for (int p2 = 0; p2 < positions; p2++) {
                final int i = row + p2;
                f.entry(nngp[i], cov1[offset + (full ? p : p2)], cov2[offset + p2], e);
                nngp[i] = e.nngp;
                if (ntk != null) {
                    ntk[i] *= e.kdot;
                }
            }
        }
    }

    private static void apply32(ElementwiseKernel f, KernelState k, int offset, int from, int to,
            ElementwiseKernel.Entry e) {
        final int positions = k.shape().positions();
        final float[] nngp = k.nngp32();
        final float[] ntk = k.computesNtk() ? k.ntk32() : null;
        final float[] cov1 = k.cov1f(), cov2 = k.cov2f();
        final boolean full = k.shape().full();
        for (int p = full ? from : 0; p < (full ? to : 1); p++) {
            final int row = full ? p * positions : 0;
            for (int p2 = 0; p2 < positions; p2++) {
                final int i = row + p2;
                f.entry(nngp[i], cov1[offset + (full ? p : p2)], cov2[offset + p2], e);
                nngp[i] = (float) e.nngp;
                if (ntk != null) {
                    ntk[i] *= (float) e.kdot;
                }
            }
        }
    }
}

package org.ntk4j.layers;

import org.ntk4j.core.KernelState;

/**
 * The kernel maps of a random affine layer (Dense, or Conv after its spatial filter), entrywise:
 * {@code ntk} parameterisation {@code nngp' = W²·nngp + b²}, {@code ntk' = W²·ntk + nngp'};
 * {@code standard} {@code ntk' = W²·ntk + n_in·nngp (+1 with a bias)}, then
 * {@code nngp' = W²·nngp + b²}, where {@code n_in} is the layer's fan-in.
 */
final class AffineMaps {
    private final double w2;
    private final double b2;
    private final boolean ntkParameterization;
    private final double fanIn;
    private final double ntkShift;

    AffineMaps(double wStd, Double bStd, Parameterization parameterization, double fanIn) {
        this.w2 = wStd * wStd;
        this.b2 = bStd == null ? 0.0 : bStd * bStd;
        this.ntkParameterization = parameterization == Parameterization.NTK;
        this.fanIn = fanIn;
        this.ntkShift = bStd == null ? 0.0 : 1.0;
    }

    /** Applies the maps to entries {@code [from, to)} of the pair's buffers. */
    void apply(KernelState k, int from, int to) {
        if (!k.computesNtk()) {
            k.affine(from, to, w2, b2);
        } else if (ntkParameterization) {
            k.affine(from, to, w2, b2);
            k.combineNtk(from, to, w2, 1.0, 0.0);
        } else {
            k.combineNtk(from, to, w2, fanIn, ntkShift);
            k.affine(from, to, w2, b2);
        }
    }
}

package org.ntk4j.layers;

import java.util.List;
import java.util.Set;
import org.ntk4j.layers.spec.LayerType;

/**
 * neural-tangents' {@code ExpNormalized(gamma=1, shift=-1, do_clip=False)}: the "Gaussian normalized
 * kernel" of Shankar et al., "Neural Kernels Without Tangents" (page 6). It is a kernel map only:
 * no function φ has it as {@code E[φ(u)φ(v)]}, and like neural-tangents, which raises
 * {@code NotImplementedError} in its {@code apply_fn}, it has no finite-width face.
 *
 * <p>Kernel: with {@code s = sqrt(max(q11·q22, 1e-30))} and {@code ρ = q12/s} (clipped to [−1, 1]
 * when {@code do_clip}),
 * <pre>
 *   nngp' = s·exp(γ·(ρ + shift)),   K̇ = γ·exp(γ·(ρ + shift)),
 * </pre>
 * so that {@code K̇ = ∂nngp'/∂q12} (with clipping neural-tangents keeps the same K̇ beyond |ρ| = 1,
 * as here). The self-covariances map the same way; with the default shift −1 the variances are
 * unchanged.
 */
public final class ExpNormalized extends Elementwise {
    /** JSON spec type {@code ExpNormalized}: gamma, shift, do_clip (defaults 1, −1, false). */
    static final List<LayerType> SPEC = List.of(new LayerType("ExpNormalized", Set.of("gamma", "shift", "do_clip"),
            f -> new ExpNormalized(f.number("gamma", 1.0), f.number("shift", -1.0), f.bool("do_clip", false))));

    private static final double TOL = 1e-30;

    private final double gamma;
    private final double shift;
    private final boolean doClip;

    ExpNormalized(double gamma, double shift, boolean doClip) {
        if (!Double.isFinite(gamma) || !Double.isFinite(shift)) {
            throw new IllegalArgumentException("ExpNormalized: gamma and shift must be finite, got " + gamma + ", "
                    + shift);
        }
        this.gamma = gamma;
        this.shift = shift;
        this.doClip = doClip;
    }

    public double gamma() {
        return gamma;
    }

    public double shift() {
        return shift;
    }

    public boolean doClip() {
        return doClip;
    }

    @Override
    public String name() {
        return "ExpNormalized";
    }

    @Override
    public void entry(double q12, double q11, double q22, Entry out) {
        double s = Math.sqrt(Math.max(q11 * q22, TOL));
        double rho = q12 / s;
        if (doClip) {
            rho = Math.max(-1.0, Math.min(1.0, rho));
        }
        double e = Math.exp(gamma * (rho + shift));
        out.nngp = s * e;
        out.kdot = gamma * e;
    }

    /** None: a finite network with this layer is refused naming it. */
    @Override
    public org.ntk4j.layers.finite.FiniteFace finite() {
        return org.ntk4j.layers.finite.FiniteFace.none(
                "ExpNormalized: a kernel map only, without a finite-width function (as in neural-tangents)");
    }

    /** None: a kernel map only (neural-tangents raises {@code NotImplementedError} too). */
    @Override
    public double phi(double u) {
        throw new UnsupportedOperationException(
                "ExpNormalized: a kernel map only, without a finite-width function (as in neural-tangents)");
    }

    /** None: see {@link #phi}. */
    @Override
    public double derivative(double u) {
        return phi(u);
    }

    @Override
    public String toString() {
        return "ExpNormalized(gamma=" + gamma + ", shift=" + shift + ", do_clip=" + doClip + ")";
    }
}

package org.ntk4j.layers;

import java.util.function.DoubleUnaryOperator;

/**
 * The numerical derivatives used when a user does not supply one: φ' for
 * {@link Layers#elementwiseNumerical(String, DoubleUnaryOperator, int)} and {@code K̇ = ∂F/∂q12}
 * for {@link Layers#elementwise(String, DoubleUnaryOperator, DoubleUnaryOperator, EntryFunction)}.
 * Both are Richardson-extrapolated differences (fourth order, five points) and need no allocation.
 */
final class NumericalDerivative {
    /** Relative step of both rules. */
    static final double STEP = 1e-3;
    /** A zero variance is raised to this fraction of the other variance (or to this value if both are 0). */
    static final double VARIANCE_FLOOR = 1e-8;

    private NumericalDerivative() {
    }

    /**
     * φ'(x) by the central difference Richardson-extrapolated from steps h and 2h,
     * {@code [8(φ(x+h) − φ(x−h)) − (φ(x+2h) − φ(x−2h))] / (12h)} with {@code h = 1e-3·max(1, |x|)}:
     * truncation error {@code h⁴·|φ⁽⁵⁾|/30}, rounding about {@code 1.5·ε·|φ|/h}, so about 1e-12
     * relative for a smooth φ of unit scale. Within 2h of a kink (ReLU at 0) it returns a smoothed
     * slope.
     */
    static double derivative(DoubleUnaryOperator phi, double x) {
        double h = STEP * Math.max(1.0, Math.abs(x));
        return (8 * (phi.applyAsDouble(x + h) - phi.applyAsDouble(x - h))
                - (phi.applyAsDouble(x + 2 * h) - phi.applyAsDouble(x - 2 * h))) / (12 * h);
    }

    /**
     * {@code K̇ = ∂F/∂q12} at (q12, q11, q22), evaluating F only where {@code |q12| ≤ sqrt(q11·q22)}
     * (|ρ| ≤ 1). With {@code s = sqrt(q11·q22)}, {@code h = 1e-3·s} and x = q12 clamped to [−s, s]:
     * <ul>
     *   <li>if {@code |x| + 2h ≤ s}, the fourth-order central difference
     *       {@code [F(x−2h) − 8F(x−h) + 8F(x+h) − F(x+2h)] / (12h)} (error {@code h⁴|F⁽⁵⁾|/30});</li>
     *   <li>else (|ρ| within 2e-3 of 1) the fourth-order one-sided difference towards the interior,
     *       {@code d·[−25F₀ + 48F₁ − 36F₂ + 16F₃ − 3F₄] / (12h)} with {@code F_k = F(x + d·k·h)},
     *       {@code d = −sign(x)} (error {@code h⁴|F⁽⁵⁾|/5}).</li>
     * </ul>
     * When a variance is 0 (then q12 = 0 and F does not depend on q12 inside |ρ| ≤ 1), the zero
     * variance is raised to {@code 1e-8·max(q11, q22)} (1e-8 if both are 0) and the derivative is
     * taken there: K̇ is continuous in the variances, so this is its limit to about 1e-8.
     */
    static double kdot(EntryFunction f, double q12, double q11, double q22) {
        double v1 = Math.max(q11, 0.0), v2 = Math.max(q22, 0.0);
        if (!(v1 * v2 > 0)) {
            double larger = Math.max(v1, v2);
            double floor = larger > 0 ? VARIANCE_FLOOR * larger : VARIANCE_FLOOR;
            v1 = Math.max(v1, floor);
            v2 = Math.max(v2, floor);
        }
        double s = Math.sqrt(v1 * v2);
        double h = STEP * s;
        double x = Math.max(-s, Math.min(s, q12));
        if (Math.abs(x) + 2 * h <= s) {
            return (f.apply(x - 2 * h, v1, v2) - 8 * f.apply(x - h, v1, v2) + 8 * f.apply(x + h, v1, v2)
                    - f.apply(x + 2 * h, v1, v2)) / (12 * h);
        }
        double d = x > 0 ? -1.0 : 1.0;
        return d * (-25 * f.apply(x, v1, v2) + 48 * f.apply(x + d * h, v1, v2) - 36 * f.apply(x + 2 * d * h, v1, v2)
                + 16 * f.apply(x + 3 * d * h, v1, v2) - 3 * f.apply(x + 4 * d * h, v1, v2)) / (12 * h);
    }
}

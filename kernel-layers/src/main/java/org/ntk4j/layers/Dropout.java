package org.ntk4j.layers;

import java.util.List;
import java.util.Set;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.layers.finite.FiniteFace;
import org.ntk4j.layers.spec.LayerType;

/**
 * Dropout, as neural-tangents' {@code Dropout(rate, mode='train')}, where {@code rate} is the
 * <em>keep</em> probability in (0, 1]: at finite width each unit is kept with probability
 * {@code rate} and scaled by {@code 1/rate}.
 *
 * <p>Kernel:
 * <ul>
 *   <li>{@code mode='test'}: the identity ({@code K' = K}, {@code Θ' = Θ}; the output stays Gaussian).</li>
 *   <li>{@code mode='train'}: an example meets its own mask, so the entries of an example with
 *       itself at the same position are multiplied by {@code 1/rate}:
 *       {@code K'(x,x)[h,h] = K(x,x)[h,h]/rate}, likewise Θ' and the self-covariances; every other
 *       entry is unchanged. In a Gram this is the diagonal of {@code K(X, X)} (built from each
 *       input's pass with itself) and not any entry of a cross Gram {@code K(X1, X2)}, as
 *       neural-tangents does when {@code x2} is None or {@code x1}. (Neural-tangents also treats an
 *       {@code x2} numerically equal to {@code x1} as {@code x1}; here only the same array does: pass
 *       it, or call {@code kernel(x)}.) The output is not Gaussian (as in neural-tangents): a
 *       nonlinearity cannot follow directly, and it cannot be the first layer.</li>
 * </ul>
 */
public final class Dropout extends SingleLayer {
    /** JSON spec type {@code Dropout}: rate (required), mode ({@code "train"} by default, as neural-tangents). */
    static final List<LayerType> SPEC = List.of(new LayerType("Dropout", Set.of("rate", "mode"),
            f -> new Dropout(f.requiredNumber("rate"), f.string("mode", "train"))));

    private final double rate;
    private final boolean train;

    Dropout(double rate, String mode) {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("Dropout: rate (the keep probability) must be in (0, 1], got " + rate);
        }
        if (!"train".equals(mode) && !"test".equals(mode)) {
            throw new IllegalArgumentException("Dropout: mode must be 'train' or 'test', got '" + mode + "'");
        }
        this.rate = rate;
        this.train = "train".equals(mode);
    }

    /** The keep probability. */
    public double rate() {
        return rate;
    }

    /** {@code "train"} or {@code "test"}. */
    public String mode() {
        return train ? "train" : "test";
    }

    @Override
    Step step(KernelShape in, String where) {
        if (!train) {
            return new Step(in, in) {
                @Override
                public void apply(KernelState k) {
                    k.setShape(this.out);
                }
            };
        }
        if ("the input".equals(in.source())) {
            throw new IllegalArgumentException(where + ": Dropout in train mode cannot be applied to the input layer "
                    + "(as in neural-tangents); put a Dense or Conv layer first");
        }
        double factor = 1.0 / rate;
        return new Step(in, in.producedBy("Dropout", false)) {
            @Override
            public void fix(boolean fullIn, boolean fullOut, Compilation c) {
                super.fix(fullIn, fullOut, c);
                c.needSelfPassDiagonal(where);
            }

            @Override
            public void apply(KernelState k) {
                if (k.recording()) {
                    // The pass over (x, x): the example meets its own mask at the same position.
                    int p = k.shape().positions();
                    int step = k.shape().full() ? p + 1 : 1;
                    for (int i = 0; i < p; i++) {
                        int at = i * step;
                        k.affine(at, at + 1, factor, 0.0);
                        if (k.computesNtk()) {
                            k.combineNtk(at, at + 1, factor, 0.0, 0.0);
                        }
                    }
                }
                k.setShape(this.out);
            }
        };
    }

    /**
     * True in test mode (the identity); false in train mode, whose factor applies only to an
     * input's pass with itself, never to a block of pairs.
     */
    @Override
    public boolean scalarPairs() {
        return !train;
    }

    /** Finite width: the identity in test mode; train mode has none. */
    @Override
    public FiniteFace finite() {
        return train ? FiniteFace.none(this + ": no finite-width form in train mode (it would need a random mask per "
                + "forward pass); use mode 'test' (the identity) for finite networks") : FiniteFace.identity();
    }

    @Override
    public String toString() {
        return "Dropout(rate=" + rate + ", mode=" + mode() + ")";
    }
}

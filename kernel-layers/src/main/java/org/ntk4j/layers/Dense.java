package org.ntk4j.layers;

import java.util.List;
import java.util.Set;
import org.ntk4j.core.KernelShape;
import org.ntk4j.core.KernelState;
import org.ntk4j.layers.finite.FiniteFace;
import org.ntk4j.layers.spec.LayerType;

/**
 * Dense (fully connected) layer acting on the channel axis, shared over spatial positions.
 *
 * <p>Kernel, {@code ntk} parameterisation: {@code nngp' = W²·nngp + b²}, {@code ntk' = nngp' + W²·ntk}.
 * {@code standard}: {@code nngp' = W²·nngp + b²}, {@code ntk' = n_in·nngp + W²·ntk (+1 with a bias)},
 * {@code n_in} the input channel count. {@code b_std} absent means no bias at all. Elementwise, so
 * the same in diagonal and full spatial storage.
 */
public final class Dense extends SingleLayer {
    /** JSON spec type {@code Dense}: out_dim, W_std, b_std (null or absent: no bias), parameterization. */
    static final List<LayerType> SPEC = List.of(new LayerType("Dense", Set.of("out_dim", "W_std", "b_std", "parameterization"),
            f -> new Dense(f.requiredInt("out_dim"), f.number("W_std", 1.0), f.optionalNumber("b_std"), f.parameterization())));

    private final int outDim;
    private final double wStd;
    private final Double bStd;
    private final Parameterization parameterization;

    Dense(int outDim, double wStd, Double bStd, Parameterization parameterization) {
        if (outDim < 1) {
            throw new IllegalArgumentException("Dense: out_dim must be positive, got " + outDim);
        }
        LayerSupport.checkStd("Dense", "W_std", wStd);
        if (bStd != null) {
            LayerSupport.checkStd("Dense", "b_std", bStd);
        }
        this.outDim = outDim;
        this.wStd = wStd;
        this.bStd = bStd;
        this.parameterization = parameterization;
    }

    /** The same layer with weight standard deviation {@code w}. */
    public Dense wStd(double w) {
        return new Dense(outDim, w, bStd, parameterization);
    }

    /** The same layer with a bias of standard deviation {@code b}. */
    public Dense bStd(double b) {
        return new Dense(outDim, wStd, b, parameterization);
    }

    /** The same layer without bias. */
    public Dense noBias() {
        return new Dense(outDim, wStd, null, parameterization);
    }

    /** The same layer in parameterisation {@code p}. */
    public Dense parameterization(Parameterization p) {
        return new Dense(outDim, wStd, bStd, p);
    }

    public int outDim() {
        return outDim;
    }

    public double wStd() {
        return wStd;
    }

    /** The bias standard deviation, or null without bias. */
    public Double bStd() {
        return bStd;
    }

    public Parameterization parameterization() {
        return parameterization;
    }

    @Override
    Step step(KernelShape in, String where) {
        KernelShape out = in.withChannels(outDim).producedBy("Dense", true);
        AffineMaps maps = new AffineMaps(wStd, bStd, parameterization, in.channels());
        return new Step(in, out) {
            @Override
            public void apply(KernelState k) {
                maps.apply(k, 0, k.shape().length());
                k.setShape(this.out);
            }
        };
    }

    @Override
    public boolean scalarPairs() {
        return true;
    }

    /** Finite width: a dense layer of {@code outDim} units with this layer's W_std, b_std and parameterisation. */
    @Override
    public FiniteFace finite() {
        return FiniteFace.dense(this);
    }

    @Override
    public String toString() {
        return "Dense(out_dim=" + outDim + ", W_std=" + wStd + ", b_std=" + bStd
                + (parameterization == Parameterization.NTK ? "" : ", parameterization=standard") + ")";
    }
}

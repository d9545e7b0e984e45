package org.ntk4j.layers;

import java.util.Arrays;
import java.util.List;
import org.ntk4j.core.Padding;
import org.ntk4j.layers.spec.LayerType;

/**
 * Static factories for every layer, with neural-tangents' names and defaults
 * ({@code W_std = 1}, no bias, strides 1, VALID padding, {@code ntk} parameterisation):
 *
 * <pre>{@code
 * import static org.ntk4j.layers.Layers.*;
 * Layer net = serial(conv(1, 3, 3).padding(SAME).wStd(1.5).bStd(0.1), relu(),
 *                    globalAvgPool(), dense(1, 1.5, 0.1));
 * Kernel k = net.kernel(x);
 * }</pre>
 *
 * Every layer is immutable; the "wither" methods ({@code padding}, {@code strides}, {@code wStd},
 * {@code bStd}, {@code parameterization}) return modified copies.
 */
public final class Layers {
    /** Shorthands for JShell: {@code conv(...).padding(SAME)}. */
    public static final Padding VALID = Padding.VALID;
    public static final Padding SAME = Padding.SAME;
    public static final Padding CIRCULAR = Padding.CIRCULAR;
    public static final Parameterization NTK = Parameterization.NTK;
    public static final Parameterization STANDARD = Parameterization.STANDARD;

    private Layers() {
    }

    /**
     * The layer types of JSON specs ({@link org.ntk4j.layers.spec.NetworkSpec}), by neural-tangents'
     * name: each layer class declares its own; one line here per class.
     */
    private static final List<LayerType> SPEC_TYPES = concat(
            Dense.SPEC,
            Conv.SPEC,
            AvgPool.SPEC,
            GlobalAvgPool.SPEC,
            Flatten.SPEC,
            Identity.SPEC,
            ABRelu.SPEC,
            Erf.SPEC,
            Gelu.SPEC,
            Serial.SPEC,
            Parallel.SPEC,
            FanOut.SPEC,
            FanIn.SPEC,
            SumPool.SPEC,
            GlobalSumPool.SPEC,
            LayerNorm.SPEC,
            Dropout.SPEC,
            FanInProd.SPEC);

    /** The built-in layer types of JSON specs (see {@link org.ntk4j.layers.spec.LayerType}). */
    public static List<LayerType> specTypes() {
        return SPEC_TYPES;
    }

    @SafeVarargs
    private static List<LayerType> concat(List<LayerType>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }

    /** Layers in sequence. */
    public static Serial serial(Layer... layers) {
        return new Serial(Arrays.asList(layers));
    }

    /** Layers in sequence. */
    public static Serial serial(List<? extends Layer> layers) {
        return new Serial(List.copyOf(layers));
    }

    /** Dense layer, {@code W_std = 1}, no bias. */
    public static Dense dense(int outDim) {
        return new Dense(outDim, 1.0, null, Parameterization.NTK);
    }

    /** Dense layer without bias. */
    public static Dense dense(int outDim, double wStd) {
        return new Dense(outDim, wStd, null, Parameterization.NTK);
    }

    /** Dense layer with bias. */
    public static Dense dense(int outDim, double wStd, double bStd) {
        return new Dense(outDim, wStd, bStd, Parameterization.NTK);
    }

    /** Dense layer, all arguments ({@code bStd} null for no bias). */
    public static Dense dense(int outDim, double wStd, Double bStd, Parameterization parameterization) {
        return new Dense(outDim, wStd, bStd, parameterization);
    }

    /** Convolution with shared weights, VALID padding, strides 1, {@code W_std = 1}, no bias. */
    public static Conv conv(int outChan, int... filterShape) {
        return new Conv(outChan, filterShape, null, Padding.VALID, 1.0, null, Parameterization.NTK, true);
    }

    /** Convolution with shared weights, all arguments ({@code strides} null for 1s, {@code bStd} null for no bias). */
    public static Conv conv(int outChan, int[] filterShape, int[] strides, Padding padding, double wStd, Double bStd,
            Parameterization parameterization) {
        return new Conv(outChan, filterShape, strides, padding, wStd, bStd, parameterization, true);
    }

    /** Locally connected convolution (unshared weights, LCN), VALID padding, strides 1, {@code W_std = 1}, no bias. */
    public static Conv convLocal(int outChan, int... filterShape) {
        return new Conv(outChan, filterShape, null, Padding.VALID, 1.0, null, Parameterization.NTK, false);
    }

    /** Locally connected convolution, all arguments. */
    public static Conv convLocal(int outChan, int[] filterShape, int[] strides, Padding padding, double wStd,
            Double bStd, Parameterization parameterization) {
        return new Conv(outChan, filterShape, strides, padding, wStd, bStd, parameterization, false);
    }

    /** Average pooling over {@code window}, strides 1, VALID padding. */
    public static AvgPool avgPool(int... window) {
        return new AvgPool(window, null, Padding.VALID, false);
    }

    /** Average pooling, all arguments ({@code strides} null for 1s). */
    public static AvgPool avgPool(int[] window, int[] strides, Padding padding, boolean normalizeEdges) {
        return new AvgPool(window, strides, padding, normalizeEdges);
    }

    /** Sum pooling over {@code window} (AvgPool's kernel × |window|²), strides 1, VALID padding. */
    public static SumPool sumPool(int... window) {
        return new SumPool(window, null, Padding.VALID);
    }

    /** Sum pooling, all arguments ({@code strides} null for 1s). */
    public static SumPool sumPool(int[] window, int[] strides, Padding padding) {
        return new SumPool(window, strides, padding);
    }

    /** Global sum pooling over all positions (GlobalAvgPool's kernel × P²). */
    public static GlobalSumPool globalSumPool() {
        return GlobalSumPool.INSTANCE;
    }

    /** Layer normalisation over channels, {@code eps = 1e-12} (see {@link LayerNorm}). */
    public static LayerNorm layerNorm() {
        return new LayerNorm(new int[] {-1}, 1e-12);
    }

    /** Layer normalisation over {@code axis} (only the channel axis is supported) with {@code eps}. */
    public static LayerNorm layerNorm(int[] axis, double eps) {
        return new LayerNorm(axis, eps);
    }

    /** Dropout in train mode (neural-tangents' default) with keep probability {@code rate} in (0, 1]. */
    public static Dropout dropout(double rate) {
        return new Dropout(rate, "train");
    }

    /** Dropout with keep probability {@code rate} in (0, 1], {@code mode} "train" or "test" (see {@link Dropout}). */
    public static Dropout dropout(double rate, String mode) {
        return new Dropout(rate, mode);
    }

    public static GlobalAvgPool globalAvgPool() {
        return GlobalAvgPool.INSTANCE;
    }

    public static Flatten flatten() {
        return Flatten.INSTANCE;
    }

    public static Identity identity() {
        return Identity.INSTANCE;
    }

    /** ReLU, {@code max(u, 0)}. */
    public static ABRelu relu() {
        return new ABRelu(0.0, 1.0, "Relu");
    }

    /** {@code a·min(u, 0) + b·max(u, 0)}. */
    public static ABRelu abRelu(double a, double b) {
        return new ABRelu(a, b, "ABRelu");
    }

    /** Leaky ReLU, {@code α·min(u, 0) + max(u, 0)}. */
    public static ABRelu leakyRelu(double alpha) {
        return new ABRelu(alpha, 1.0, "LeakyRelu");
    }

    /** {@code |u|}. */
    public static ABRelu abs() {
        return new ABRelu(-1.0, 1.0, "Abs");
    }

    /** {@code erf(u)}. */
    public static Erf erf() {
        return new Erf(1.0, 1.0, 0.0);
    }

    /** {@code a·erf(b·u) + c}. */
    public static Erf erf(double a, double b, double c) {
        return new Erf(a, b, c);
    }

    /** GELU, {@code u·Φ(u)} (see {@link Gelu} for its kernel). */
    public static Gelu gelu() {
        return new Gelu();
    }

    /** {@code n} copies of the input, one per branch. */
    public static FanOut fanOut(int n) {
        return new FanOut(n);
    }

    /** Layer {@code i} on branch {@code i}. */
    public static Parallel parallel(Layer... layers) {
        return new Parallel(Arrays.asList(layers));
    }

    /** Sum of the branches. */
    public static FanIn fanInSum() {
        return FanIn.SUM;
    }

    /** Concatenation of the branches along channels. */
    public static FanIn fanInConcat() {
        return FanIn.CONCAT;
    }

    /** Entrywise product of the branches (see {@link FanInProd}). */
    public static FanInProd fanInProd() {
        return FanInProd.INSTANCE;
    }
}

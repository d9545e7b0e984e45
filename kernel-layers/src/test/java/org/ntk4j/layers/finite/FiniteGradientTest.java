package org.ntk4j.layers.finite;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.layers.Layer;

/**
 * The backpropagated empirical NTK of a tiny network of every layer kind equals the brute-force
 * {@code 1/K Σ_k Σ_θ ∂f_k(x)/∂θ·∂f_k(x')/∂θ} with every derivative taken by central finite
 * differences of the forward pass (step 1e-5, agreement 1e-6 relative to the kernel's scale).
 */
class FiniteGradientTest {
    static Stream<Arguments> networks() {
        InputShape img = new InputShape(new int[] {4, 3}, 2);
        InputShape seq = new InputShape(new int[] {5}, 2);
        InputShape vec = new InputShape(new int[0], 3);
        return Stream.of(
                Arguments.of("dense ntk + bias, relu", vec, serial(dense(4, 1.3, 0.2), relu(), dense(2, 0.9, 0.1))),
                Arguments.of("dense standard + bias, erf", vec,
                        serial(dense(4, 1.3, 0.2, STANDARD), erf(0.7, 1.4, 0.3), dense(2, 0.9, 0.1, STANDARD))),
                Arguments.of("conv SAME strided 2D, leaky relu, flatten", img,
                        serial(conv(3, 3, 2).padding(SAME).strides(2, 1).bStd(0.3), leakyRelu(0.2), flatten(), dense(2))),
                Arguments.of("conv CIRCULAR 1D, abs, GAP", seq,
                        serial(conv(3, 3).padding(CIRCULAR).bStd(0.2), abs(), globalAvgPool(), dense(2))),
                Arguments.of("convLocal SAME standard, relu, flatten", img,
                        serial(convLocal(3, 2, 2).padding(SAME).bStd(0.4).parameterization(STANDARD), relu(), flatten(),
                                dense(2))),
                Arguments.of("avgPool SAME normalize_edges, VALID strided", img,
                        serial(conv(3, 2, 2).padding(SAME), avgPool(new int[] {3, 2}, null, SAME, true), relu(),
                                avgPool(new int[] {2, 2}, new int[] {2, 1}, VALID, false), flatten(), dense(2))),
                Arguments.of("residual: fanOut, parallel, identity, fanInSum", seq,
                        serial(conv(2, 1), fanOut(2), parallel(serial(conv(2, 3).padding(SAME), relu(), conv(2, 3)
                                .padding(SAME)), identity()), fanInSum(), flatten(), dense(2))),
                Arguments.of("fanInConcat of two dense branches", vec,
                        serial(fanOut(2), parallel(dense(2, 1.1, 0.1), serial(dense(3), erf())), fanInConcat(),
                                dense(2, 1.0, 0.5))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void backpropNtkEqualsFiniteDifferences(String name, InputShape shape, Layer net) {
        Ntk4j.init();
        FiniteNetwork f = FiniteNetwork.of(net, shape);
        Params p = f.init(new SplittableRandom(7));
        SplittableRandom r = new SplittableRandom(3);
        double[][] rows = new double[3][shape.size()];
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = r.nextGaussian();
            }
        }
        double[] ntk = f.kernels(p, rows, true)[1];
        double[] brute = finiteDifferenceNtk(f, p, rows);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < ntk.length; i++) {
            scale = Math.max(scale, Math.abs(brute[i]));
            worst = Math.max(worst, Math.abs(ntk[i] - brute[i]));
        }
        assertTrue(scale > 0 && worst <= 1e-6 * scale, name + ": backprop vs finite differences " + worst + " of " + scale);
    }

    /** {@code 1/K Σ_k Σ_θ J_k(x)[θ] J_k(x')[θ]} with J by central differences of the outputs. */
    static double[] finiteDifferenceNtk(FiniteNetwork f, Params p, double[][] rows) {
        int n = rows.length;
        int units = f.outputShape().size();
        double[] theta = new double[n * n];
        double eps = 1e-5;
        for (int s = 0; s < p.slots(); s++) {
            for (double[] a : p.slot(s)) {
                for (int i = 0; i < a.length; i++) {
                    double keep = a[i];
                    a[i] = keep + eps;
                    double[] plus = outputs(f, p, rows);
                    a[i] = keep - eps;
                    double[] minus = outputs(f, p, rows);
                    a[i] = keep;
                    for (int e = 0; e < n; e++) {
                        for (int g = 0; g < n; g++) {
                            for (int k = 0; k < units; k++) {
                                double je = (plus[e * units + k] - minus[e * units + k]) / (2 * eps);
                                double jg = (plus[g * units + k] - minus[g * units + k]) / (2 * eps);
                                theta[e * n + g] += je * jg / units;
                            }
                        }
                    }
                }
            }
        }
        return theta;
    }

    private static double[] outputs(FiniteNetwork f, Params p, double[][] rows) {
        return f.apply(p, org.ntk4j.core.Inputs.toNd4j(rows, f.inputShape())).dup('c').data().asDouble();
    }
}

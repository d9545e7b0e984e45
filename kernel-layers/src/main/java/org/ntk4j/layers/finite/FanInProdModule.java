package org.ntk4j.layers.finite;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.core.InputShape;

/**
 * FanInProd at finite width: {@code y = Π_i x_i} entrywise (all branches of one shape); branch i's
 * cotangent is the output's times {@code Π_{j≠i} x_j} (cotangent example {@code k·N + n} uses
 * forward example n).
 */
final class FanInProdModule implements Module {
    private final List<InputShape> in;

    FanInProdModule(List<InputShape> in) {
        this.in = List.copyOf(in);
    }

    @Override
    public List<InputShape> outShapes() {
        return List.of(in.get(0));
    }

    @Override
    public Trace forward(Params params, List<Batch> xs) {
        double[] y = xs.get(0).data().clone();
        for (int i = 1; i < xs.size(); i++) {
            double[] x = xs.get(i).data();
            for (int e = 0; e < y.length; e++) {
                y[e] *= x[e];
            }
        }
        return new Trace(List.of(new Batch(y, xs.get(0).n(), in.get(0))), (cotangents, gram) -> {
            Batch cot = cotangents.get(0);
            double[] d = cot.data();
            List<Batch> out = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                double[] others = new double[y.length];
                java.util.Arrays.fill(others, 1.0);
                for (int j = 0; j < xs.size(); j++) {
                    if (j != i) {
                        double[] x = xs.get(j).data();
                        for (int e = 0; e < y.length; e++) {
                            others[e] *= x[e];
                        }
                    }
                }
                double[] dx = new double[d.length];
                for (int base = 0; base < d.length; base += y.length) {
                    for (int e = 0; e < y.length; e++) {
                        dx[base + e] = d[base + e] * others[e];
                    }
                }
                out.add(new Batch(dx, cot.n(), in.get(i)));
            }
            return out;
        });
    }
}

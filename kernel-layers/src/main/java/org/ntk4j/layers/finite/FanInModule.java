package org.ntk4j.layers.finite;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.core.InputShape;

/**
 * FanInSum ({@code y = Σ_i x_i}; every branch gets the output's cotangent) and FanInConcat
 * ({@code y = [x_1, …, x_m]} along channels at every position; the cotangent is split back).
 */
final class FanInModule implements Module {
    private final boolean concat;
    private final List<InputShape> in;
    private final InputShape out;

    FanInModule(boolean concat, List<InputShape> in) {
        this.concat = concat;
        this.in = List.copyOf(in);
        int channels = in.stream().mapToInt(InputShape::channels).sum();
        this.out = concat ? new InputShape(in.get(0).spatial(), channels) : in.get(0);
    }

    @Override
    public List<InputShape> outShapes() {
        return List.of(out);
    }

    @Override
    public Trace forward(Params params, List<Batch> xs) {
        Batch y = concat ? concatenate(xs) : sum(xs);
        return new Trace(List.of(y), (cotangents, gram) -> concat ? split(cotangents.get(0)) : copies(cotangents.get(0)));
    }

    private Batch sum(List<Batch> xs) {
        double[] s = xs.get(0).data().clone();
        for (int i = 1; i < xs.size(); i++) {
            Matrices.addTo(s, xs.get(i).data());
        }
        return new Batch(s, xs.get(0).n(), out);
    }

    private Batch concatenate(List<Batch> xs) {
        int rows = xs.get(0).rows();
        double[] y = new double[rows * out.channels()];
        int offset = 0;
        for (Batch x : xs) {
            int c = x.channels();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x.data(), r * c, y, r * out.channels() + offset, c);
            }
            offset += c;
        }
        return new Batch(y, xs.get(0).n(), out);
    }

    /** The output cotangent, once per input branch (FanInSum). */
    private List<Batch> copies(Batch cot) {
        List<Batch> same = new ArrayList<>();
        for (InputShape s : in) {
            same.add(cot.reshape(s));
        }
        return same;
    }

    private List<Batch> split(Batch cot) {
        int rows = cot.rows();
        List<Batch> parts = new ArrayList<>();
        int offset = 0;
        for (InputShape s : in) {
            int c = s.channels();
            double[] part = new double[rows * c];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(cot.data(), r * out.channels() + offset, part, r * c, c);
            }
            parts.add(new Batch(part, cot.n(), s));
            offset += c;
        }
        return parts;
    }
}

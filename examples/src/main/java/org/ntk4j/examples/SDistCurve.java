package org.ntk4j.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.io.TrainTest;
import org.ntk4j.core.predict.Classification;
import org.ntk4j.symmetry.Architecture;
import org.ntk4j.symmetry.PaperNetworks;
import org.ntk4j.symmetry.RotationPath;
import org.ntk4j.symmetry.SDistPath;
import org.ntk4j.symmetry.ShippedImages;

/**
 * The S-Dist curves of Xiao &amp; Pennington, Appendix E (eqs. S15, S17) on real images:
 * {@code S-Dist(A^{τ_t}, A)} for t ∈ [0, 1] along a random path {@code τ_t = exp(−tA)} in
 * SO(C)^d, for GAP_∞ (only O(C)⊗I_d-invariant: grows from 0) and VEC_∞ (O(C)^d-invariant: 0 to
 * round-off). Data: the shipped Fashion-MNIST subset, space-to-depth (C = 4, 14×14 pixels),
 * one-hot labels; inference: NTK kernel regression (t = ∞), diagReg 1e-4.
 *
 * <p>Options (defaults, about a minute on 2 cores): {@code --train 30 --test 15 --points 11
 * --depth 2 --seed 0 --threads 2 --out target/sdist}; {@code -Dntk4j.heavy=true} uses 100
 * training and 50 test images. Writes {@code sdist.csv} (t, gap, vec) and {@code sdist.png}.
 */
public final class SDistCurve {
    private SDistCurve() {
    }

    /** Runs the example; see the class comment for the options. */
    public static void main(String[] argv) throws IOException {
        Args args = new Args(argv);
        int train = args.integer("train", args.heavy() ? 100 : 30);
        int test = args.integer("test", args.heavy() ? 50 : 15);
        int points = args.integer("points", 11);
        PaperNetworks nets = PaperNetworks.paper().withDepth(args.integer("depth", 2));
        Path out = args.path("out", "target/sdist");

        TrainTest data = ShippedImages.fashionMnist(train, test);
        INDArray y = Classification.oneHot(data.train().labels(), 10);
        RotationPath path = RotationPath.random(new SplittableRandom(args.seed("seed", 0)),
                Inputs.shapeOf(data.train().x(), "x"));
        SDistPath sdist = SDistPath.along(path).threads(args.integer("threads", 2));
        double[] ts = new double[points];
        for (int i = 0; i < points; i++) {
            ts[i] = (double) i / (points - 1);
        }
        double[] gap = sdist.curve(nets.network(Architecture.GAP), data.train().x(), y, data.test().x(), ts);
        double[] vec = sdist.curve(nets.network(Architecture.VEC), data.train().x(), y, data.test().x(), ts);

        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder("t,sdist_gap,sdist_vec\n");
        for (int i = 0; i < points; i++) {
            csv.append(String.format(Locale.ROOT, "%.4f,%.6e,%.6e%n", ts[i], gap[i], vec[i]));
        }
        Files.writeString(out.resolve("sdist.csv"), csv, StandardCharsets.UTF_8);
        new LinePlot(String.format(Locale.ROOT, "S-Dist(A on τ_t D, A on D): %d train / %d test images, depth %d",
                train, test, nets.depth()), "t  (τ_t = exp(−tA) ∈ SO(4)^196)", "S-Dist", false, false)
                .add(new LinePlot.Series("GAP_∞ (NTK regression)", ts, gap, null, false))
                .add(new LinePlot.Series("VEC_∞ (NTK regression)", ts, vec, null, false))
                .write(out.resolve("sdist.png"));
        System.out.print(csv);
        System.out.println("wrote " + out.resolve("sdist.csv") + " and " + out.resolve("sdist.png"));
    }
}

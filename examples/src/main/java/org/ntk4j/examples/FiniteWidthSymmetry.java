package org.ntk4j.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.Inputs;
import org.ntk4j.symmetry.Architecture;
import org.ntk4j.symmetry.FiniteWidthInvariance;
import org.ntk4j.symmetry.GroupElement;
import org.ntk4j.symmetry.Groups;
import org.ntk4j.symmetry.PaperNetworks;
import org.ntk4j.symmetry.PairedDifference;
import org.ntk4j.symmetry.RandomInputs;
import org.ntk4j.symmetry.ShippedImages;

/**
 * Symmetry breaking at finite width (Xiao &amp; Pennington, Sec. 5.4), measured: for one fixed
 * τ ∈ O(C)^d and widths n = 2 … 64, the paired difference {@code E[f(τx)f(τx')] − E[f(x)f(x')]}
 * of VEC_n (shared-weight convolutions + Flatten + Dense; not O(C)^d-invariant at finite width,
 * effect O(1/n)) and of LCN_n (exactly invariant in distribution), each with its Monte Carlo
 * standard error, via {@link FiniteWidthInvariance}. Also the plain estimator (every layer
 * sampled) for VEC at the smallest width as a cross-check of the integrated one.
 *
 * <p>Inputs: two shipped Fashion-MNIST test images, space-to-depth and centre-cropped to 4×4×4
 * ({@code --input shipped}, default), or two 4×4×3 Gaussian images ({@code --input random}).
 * Options (defaults, about a minute on 2 cores): {@code --draws 3000 --widths 2,4,8,16,32,64
 * --depth 2 --seed 0 --threads 2 --out target/finite-width}; {@code -Dntk4j.heavy=true} uses
 * 32000 draws (several minutes), enough to resolve VEC up to n = 64 on the shipped images.
 * Writes {@code finite_width.csv} and {@code finite_width.png} (log-log |effect| vs n with ±1 SE
 * bars, the 3-SE noise floor of VEC and the fitted c/n line).
 */
public final class FiniteWidthSymmetry {
    private FiniteWidthSymmetry() {
    }

    /** Runs the example; see the class comment for the options. */
    public static void main(String[] argv) throws IOException {
        Args args = new Args(argv);
        int draws = args.integer("draws", args.heavy() ? 32000 : 3000);
        int[] widths = Arrays.stream(args.get("widths", "2,4,8,16,32,64").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        String input = args.get("input", "shipped");
        Path out = args.path("out", "target/finite-width");
        INDArray pair = input.equals("random") ? RandomInputs.gaussian(1, 2, 4, 4, 3)
                : ShippedImages.centerCrop(ShippedImages.fashionMnist(2, 2).test().x(), 4);
        GroupElement tau = Groups.pixelwiseOrthogonal().sample(new SplittableRandom(7), Inputs.shapeOf(pair, "pair"));
        FiniteWidthInvariance measure = FiniteWidthInvariance.of(PaperNetworks.paper().withDepth(args.integer("depth",
                2))).draws(draws).seed(args.seed("seed", 0)).threads(args.integer("threads", 2));

        PairedDifference[] vec = new PairedDifference[widths.length];
        PairedDifference[] lcn = new PairedDifference[widths.length];
        StringBuilder csv = new StringBuilder(
                "architecture,estimator,width,draws,effect,standard_error,z,resolved_3se,reference,relative\n");
        for (int i = 0; i < widths.length; i++) {
            vec[i] = measure.measure(Architecture.VEC, widths[i], pair, tau);
            lcn[i] = measure.measure(Architecture.LCN, widths[i], pair, tau);
            row(csv, "VEC", "integrated", widths[i], vec[i]);
            row(csv, "LCN", "integrated", widths[i], lcn[i]);
            System.out.print(csv.substring(csv.lastIndexOf("\nVEC") + 1));
        }
        row(csv, "VEC", "sampled", widths[0], measure.sampledReadout().measure(Architecture.VEC, widths[0], pair, tau));
        Files.createDirectories(out);
        Files.writeString(out.resolve("finite_width.csv"), csv, StandardCharsets.UTF_8);
        plot(vec, lcn, widths, String.format(Locale.ROOT, "VEC_n vs LCN_n under one τ ∈ O(C)^d (%s inputs %s, %d draws)",
                input, Arrays.toString(Arrays.copyOfRange(pair.shape(), 1, 4)), draws), out.resolve("finite_width.png"));
        System.out.print(csv.substring(csv.lastIndexOf("\n", csv.length() - 2) + 1));
        System.out.println("wrote " + out.resolve("finite_width.csv") + " and " + out.resolve("finite_width.png"));
    }

    private static void row(StringBuilder csv, String arch, String estimator, int width, PairedDifference d) {
        csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6e,%.6e,%.2f,%b,%.6e,%.6e%n", arch, estimator, width,
                d.draws(), d.mean(), d.standardError(), d.z(), d.resolved(3), d.reference(), d.relative()));
    }

    private static void plot(PairedDifference[] vec, PairedDifference[] lcn, int[] widths, String title, Path png)
            throws IOException {
        double[] n = Arrays.stream(widths).asDoubleStream().toArray();
        // weighted least-squares fit of effect = c/n over all VEC widths
        double num = 0;
        double den = 0;
        for (int i = 0; i < n.length; i++) {
            double w = 1 / (vec[i].standardError() * vec[i].standardError());
            num += w * vec[i].mean() / n[i];
            den += w / (n[i] * n[i]);
        }
        double c = num / den;
        new LinePlot(title, "width n", "|E f(τx)f(τx') − E f(x)f(x')|", true, true)
                .add(new LinePlot.Series("VEC_n |effect| ± SE", n, abs(vec, false), abs(vec, true), false))
                .add(new LinePlot.Series("LCN_n |effect| ± SE", n, abs(lcn, false), abs(lcn, true), false))
                .add(new LinePlot.Series("3 SE of VEC (resolution limit)", n,
                        Arrays.stream(vec).mapToDouble(d -> 3 * d.standardError()).toArray(), null, true))
                .add(new LinePlot.Series(String.format(Locale.ROOT, "fit %.3g / n", c), n,
                        Arrays.stream(n).map(v -> Math.abs(c) / v).toArray(), null, true))
                .write(png);
    }

    private static double[] abs(PairedDifference[] d, boolean se) {
        return Arrays.stream(d).mapToDouble(p -> se ? p.standardError() : Math.abs(p.mean())).toArray();
    }
}

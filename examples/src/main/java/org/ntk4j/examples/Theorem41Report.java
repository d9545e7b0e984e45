package org.ntk4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.symmetry.PaperNetworks;
import org.ntk4j.symmetry.ShippedImages;
import org.ntk4j.symmetry.Theorem41;
import org.ntk4j.symmetry.Theorem41Result;

/**
 * The Theorem 4.1 table (which infinite-width kernel is invariant under which group) measured
 * twice: on random Gaussian images with C = 3 (as in the paper) and on real images, the shipped
 * Fashion-MNIST test images after space-to-depth (C = 4, 14×14 pixels). Each goes to its own
 * folder as {@code theorem41.md}, {@code .csv} and {@code .png}; the program exits with status 1
 * if any cell disagrees with the theorem.
 *
 * <p>Options (defaults): {@code --images 4 --side 6 --depth 2 --samples 3 --seed 0
 * --out target/theorem41}; {@code -Dntk4j.heavy=true} uses the paper's depth 8.
 */
public final class Theorem41Report {
    private Theorem41Report() {
    }

    /** Runs the example; see the class comment for the options. */
    public static void main(String[] argv) throws IOException {
        Args args = new Args(argv);
        int images = args.integer("images", 4);
        Path out = args.path("out", "target/theorem41");
        Theorem41 table = Theorem41.defaults()
                .networks(PaperNetworks.paper().withDepth(args.integer("depth", args.heavy() ? 8 : 2)))
                .samples(args.integer("samples", 3)).seed(args.seed("seed", 0));
        int side = args.integer("side", 6);
        boolean agree = report(table, Theorem41.randomImages(images, side, 3, 41), out.resolve("random"));
        agree &= report(table, ShippedImages.fashionMnist(1, images).test().x(), out.resolve("shipped"));
        if (!agree) {
            System.exit(1);
        }
    }

    /** Measures the table on {@code x}, writes it to {@code dir}, prints it; whether every cell agrees. */
    static boolean report(Theorem41 table, INDArray x, Path dir) throws IOException {
        Theorem41Result result = table.run(x);
        result.writeReport(dir);
        System.out.println(result.markdown());
        System.out.println("wrote " + dir + "/theorem41.{md,csv,png}\n");
        return result.allAgree();
    }
}

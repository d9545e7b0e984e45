package org.ntk4j.symmetry.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ntk4j.core.InputShape;
import org.ntk4j.symmetry.GroupElement;
import org.ntk4j.symmetry.Groups;

/**
 * Rotation of square images by an angle about the image centre with bilinear interpolation
 * (pixels that fall outside read 0), turning the same way as {@link Groups#c4()}'s generator. For
 * angles that are not multiples of 90° this is only approximately a rotation: it is neither a
 * pixel permutation nor orthogonal, and rotations by 360°/k do not compose exactly, so augmenting
 * by them gives an approximate orbit ({@link AugmentedData#approximate}).
 */
public final class ImageRotation implements GroupElement {
    private final InputShape shape;
    private final double degrees;
    private final int[] src;
    private final double[] weight;

    private ImageRotation(InputShape shape, double degrees) {
        this.shape = shape;
        this.degrees = degrees;
        int n = side(shape);
        int p = n * n;
        this.src = new int[p * 4];
        this.weight = new double[p * 4];
        double th = Math.toRadians(degrees);
        double cos = Math.cos(th);
        double sin = Math.sin(th);
        double c = (n - 1) / 2.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double u1 = i - c;
                double v1 = j - c;
                double u = cos * u1 - sin * v1 + c;
                double v = sin * u1 + cos * v1 + c;
                int i0 = (int) Math.floor(u);
                int j0 = (int) Math.floor(v);
                double fu = u - i0;
                double fv = v - j0;
                int base = (i * n + j) * 4;
                int[][] corners = {{i0, j0}, {i0 + 1, j0}, {i0, j0 + 1}, {i0 + 1, j0 + 1}};
                double[] w = {(1 - fu) * (1 - fv), fu * (1 - fv), (1 - fu) * fv, fu * fv};
                for (int q = 0; q < 4; q++) {
                    int a = corners[q][0];
                    int b = corners[q][1];
                    boolean inside = a >= 0 && a < n && b >= 0 && b < n;
                    src[base + q] = inside ? a * n + b : 0;
                    weight[base + q] = inside ? w[q] : 0;
                }
            }
        }
    }

    /** The rotation of images of {@code shape} by {@code degrees}. */
    public static ImageRotation of(InputShape shape, double degrees) {
        return new ImageRotation(shape, degrees);
    }

    /**
     * C_k: rotations by multiples of 360°/k, the identity first. Multiples of 90° are the exact
     * lattice rotations of {@link Groups#c4()} (pixel permutations); the others are interpolated.
     *
     * @throws IllegalArgumentException when k &lt; 1 or the images are not square
     */
    public static List<GroupElement> cyclic(int k, InputShape shape) {
        if (k < 1) {
            throw new IllegalArgumentException("C_k needs k ≥ 1, got " + k);
        }
        side(shape);
        List<GroupElement> c4 = Groups.c4().elements(shape);
        List<GroupElement> out = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            out.add(4 * j % k == 0 ? c4.get(4 * j / k) : of(shape, 360.0 * j / k));
        }
        return out;
    }

    private static int side(InputShape shape) {
        int[] sp = shape.spatial();
        if (sp.length != 2 || sp[0] != sp[1]) {
            throw new IllegalArgumentException("image rotation acts on square images (N, n, n, C), but the per-input "
                    + "shape is " + shape + " (spatial dims " + Arrays.toString(sp) + ")");
        }
        return sp[0];
    }

    @Override
    public InputShape shape() {
        return shape;
    }

    /** The angle in degrees. */
    public double degrees() {
        return degrees;
    }

    @Override
    public void applyTo(double[] x, double[] out) {
        int ch = shape.channels();
        int p = shape.positions();
        for (int q = 0; q < p; q++) {
            for (int c = 0; c < ch; c++) {
                double s = 0;
                for (int r = 0; r < 4; r++) {
                    s += weight[q * 4 + r] * x[src[q * 4 + r] * ch + c];
                }
                out[q * ch + c] = s;
            }
        }
    }

    @Override
    public String toString() {
        return "rotate " + degrees + "° (bilinear) on " + shape;
    }
}

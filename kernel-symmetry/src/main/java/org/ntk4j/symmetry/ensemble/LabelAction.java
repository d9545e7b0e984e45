package org.ntk4j.symmetry.ensemble;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.InputShape;
import org.ntk4j.symmetry.GroupElement;
import org.ntk4j.symmetry.PixelPermutation;

/**
 * The representation ρ_Y of a group on labels, acting on label rows {@code (N, k)} alongside an
 * input action ρ_X: {@link #invariant()} (ρ_Y = identity: class labels, a total energy) or
 * {@link #perSite()} (one or more labels per lattice site, moved like the pixels: a local
 * energy E(i)). Immutable.
 */
public interface LabelAction {
    /** ρ_Y(g) applied to every row of {@code y} (N, k); {@code y} is not modified. */
    INDArray apply(GroupElement g, INDArray y);

    /**
     * Checks that labels of shape {@code y.shape()} fit this action for inputs of
     * {@code inputShape}, and returns them as an (N, k) matrix (a view or copy).
     *
     * @throws IllegalArgumentException saying the expected and actual label shapes
     */
    INDArray labelMatrix(InputShape inputShape, INDArray y);

    /** A short name, {@code "invariant"} or {@code "per-site"}. */
    String label();

    /** ρ_Y(g) = identity for every g: labels (N) or (N, k). */
    static LabelAction invariant() {
        return Invariant.INSTANCE;
    }

    /**
     * Per-site labels on the input's pixel lattice (P sites): label rows of k = P·c values, site
     * major (c labels per site, channels last), given as (N, P·c), (N, spatial...) or
     * (N, spatial..., c). ρ_Y(g) moves site p's labels to π_g(p), the pixel permutation of ρ_X(g),
     * so it needs a group that moves whole pixels (C4, D4, translations).
     */
    static LabelAction perSite() {
        return PerSite.INSTANCE;
    }

    /** ρ_Y = identity. */
    enum Invariant implements LabelAction {
        INSTANCE;

        @Override
        public INDArray apply(GroupElement g, INDArray y) {
            return y.dup();
        }

        @Override
        public INDArray labelMatrix(InputShape inputShape, INDArray y) {
            if (y == null || y.rank() < 1 || y.rank() > 2) {
                throw new IllegalArgumentException("invariant labels must be (N) or (N, k), got "
                        + (y == null ? "null" : Arrays.toString(y.shape())));
            }
            return y.rank() == 1 ? y.reshape(y.length(), 1) : y;
        }

        @Override
        public String label() {
            return "invariant";
        }
    }

    /** ρ_Y(g) = the pixel permutation of ρ_X(g) on sites. */
    enum PerSite implements LabelAction {
        INSTANCE;

        @Override
        public INDArray apply(GroupElement g, INDArray y) {
            if (!(g instanceof PixelPermutation pi)) {
                throw new IllegalArgumentException("per-site labels need a group element that moves whole pixels "
                        + "(C4, D4, translations), got " + g);
            }
            int sites = pi.shape().positions();
            long k = y.size(1);
            if (y.rank() != 2 || k % sites != 0) {
                throw new IllegalArgumentException("per-site labels for " + sites + " sites must be (N, " + sites
                        + "·c), got " + Arrays.toString(y.shape()));
            }
            int c = (int) (k / sites);
            int n = (int) y.size(0);
            double[] in = y.dup('c').data().asDouble();
            double[] out = new double[in.length];
            for (int r = 0; r < n; r++) {
                int base = (int) (r * k);
                for (int p = 0; p < sites; p++) {
                    System.arraycopy(in, base + p * c, out, base + pi.destination(p) * c, c);
                }
            }
            return org.nd4j.linalg.factory.Nd4j.create(out, y.shape(), 'c');
        }

        @Override
        public INDArray labelMatrix(InputShape inputShape, INDArray y) {
            int sites = inputShape.positions();
            int[] spatial = inputShape.spatial();
            String expected = "(N, " + sites + "·c) or (N, " + joined(spatial) + "[, c])";
            if (y == null || y.rank() < 2) {
                throw new IllegalArgumentException("per-site labels for inputs " + inputShape + " must be " + expected
                        + ", got " + (y == null ? "null" : Arrays.toString(y.shape())));
            }
            long[] s = y.shape();
            boolean flat = s.length == 2 && s[1] % sites == 0 && s[1] > 0;
            boolean lattice = (s.length == spatial.length + 1 || s.length == spatial.length + 2) && spatial.length > 0;
            for (int i = 0; lattice && i < spatial.length; i++) {
                lattice = s[i + 1] == spatial[i];
            }
            if (spatial.length == 0 || !(flat || lattice)) {
                throw new IllegalArgumentException("per-site labels for inputs " + inputShape + " (" + sites
                        + " site(s)) must be " + expected + ", got " + Arrays.toString(s)
                        + (spatial.length == 0 ? ": vector inputs have no lattice" : ""));
            }
            return y.reshape('c', s[0], y.length() / s[0]);
        }

        @Override
        public String label() {
            return "per-site";
        }

        private static String joined(int[] spatial) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < spatial.length; i++) {
                b.append(i == 0 ? "" : ", ").append(spatial[i]);
            }
            return b.toString();
        }
    }
}

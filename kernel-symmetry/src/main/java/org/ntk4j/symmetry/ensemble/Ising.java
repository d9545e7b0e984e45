package org.ntk4j.symmetry.ensemble;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 2D Ising model on an L×L periodic lattice (seed 001, experiments): spins {@code s_i = ±1}
 * as images (N, L, L, 1), local energies {@code E(i) = Σ_{j∈N(i)} s_i s_j} over the four nearest
 * neighbours (equivariant under C4 lattice rotations: per-site labels, {@link LabelAction#perSite})
 * and the total energy {@code ℰ = −(J/L²)·Σ_i E(i)} with J = 1 (invariant). Out-of-distribution
 * inputs draw every "spin" from N(0, 1).
 */
public final class Ising {
    private Ising() {
    }

    /** N uniformly random spin configurations, (N, L, L, 1). */
    public static INDArray spins(int n, int l, RandomGenerator rng) {
        double[] s = new double[n * l * l];
        for (int i = 0; i < s.length; i++) {
            s[i] = rng.nextBoolean() ? 1.0 : -1.0;
        }
        return Nd4j.create(s, new long[] {n, l, l, 1}, 'c');
    }

    /** N configurations of N(0, 1) "spins", (N, L, L, 1): out-of-distribution inputs. */
    public static INDArray gaussian(int n, int l, RandomGenerator rng) {
        double[] s = new double[n * l * l];
        for (int i = 0; i < s.length; i++) {
            s[i] = rng.nextGaussian();
        }
        return Nd4j.create(s, new long[] {n, l, l, 1}, 'c');
    }

    /** {@code E(i)} for every site (row major), (N, L²). */
    public static INDArray localEnergy(INDArray spins) {
        int n = (int) spins.size(0);
        int l = side(spins);
        double[] s = spins.dup('c').data().asDouble();
        double[] e = new double[n * l * l];
        for (int b = 0; b < n; b++) {
            int o = b * l * l;
            for (int i = 0; i < l; i++) {
                for (int j = 0; j < l; j++) {
                    double si = s[o + i * l + j];
                    double nb = s[o + Math.floorMod(i + 1, l) * l + j] + s[o + Math.floorMod(i - 1, l) * l + j]
                            + s[o + i * l + Math.floorMod(j + 1, l)] + s[o + i * l + Math.floorMod(j - 1, l)];
                    e[o + i * l + j] = si * nb;
                }
            }
        }
        return Nd4j.create(e, new long[] {n, (long) l * l}, 'c');
    }

    /** {@code ℰ = −(1/L²)·Σ_i E(i)}, (N, 1). */
    public static INDArray totalEnergy(INDArray spins) {
        INDArray e = localEnergy(spins);
        return e.sum(true, 1).muli(-1.0 / e.size(1));
    }

    private static int side(INDArray spins) {
        if (spins.rank() != 4 || spins.size(1) != spins.size(2) || spins.size(3) != 1) {
            throw new IllegalArgumentException("Ising spins must be (N, L, L, 1), got "
                    + java.util.Arrays.toString(spins.shape()));
        }
        return (int) spins.size(1);
    }
}

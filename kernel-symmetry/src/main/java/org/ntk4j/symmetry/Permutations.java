package org.ntk4j.symmetry;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Uniform random permutations, their enumeration, and a validity check. */
final class Permutations {
    private Permutations() {
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    static int[] uniform(RandomGenerator rng, int n) {
        int[] p = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** All n! permutations of {@code 0..n-1}, identity first (lexicographic order). */
    static List<int[]> all(int n) {
        List<int[]> out = new ArrayList<>();
        int[] p = identity(n);
        do {
            out.add(p.clone());
        } while (nextLexicographic(p));
        return out;
    }

    private static boolean nextLexicographic(int[] p) {
        int i = p.length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = p.length - 1;
        while (p[j] <= p[i]) {
            j--;
        }
        swap(p, i, j);
        for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
            swap(p, a, b);
        }
        return true;
    }

    private static void swap(int[] p, int i, int j) {
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
    }

    /** The permutation matrix {@code M[p[j]][j] = 1}, so that {@code (M·x)[p[j]] = x[j]}. */
    static double[] matrix(int[] p) {
        int n = p.length;
        double[] m = new double[n * n];
        for (int j = 0; j < n; j++) {
            m[p[j] * n + j] = 1;
        }
        return m;
    }

    /** {@code p} itself, checked to be a permutation of {@code 0..n-1}. */
    static int[] requirePermutation(int[] p, int n, String what) {
        if (p.length != n) {
            throw new IllegalArgumentException(what + " must have " + n + " entries, got " + p.length);
        }
        boolean[] seen = new boolean[n];
        for (int v : p) {
            if (v < 0 || v >= n || seen[v]) {
                throw new IllegalArgumentException(what + " is not a permutation of 0.." + (n - 1) + ": entry " + v
                        + (v >= 0 && v < n ? " repeats" : " is out of range"));
            }
            seen[v] = true;
        }
        return p.clone();
    }
}

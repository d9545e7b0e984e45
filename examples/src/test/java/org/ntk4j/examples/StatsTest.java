package org.ntk4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Stats} against values computed by hand (and with scipy where noted). */
class StatsTest {
    @Test
    void wilsonIntervalMatchesTheHandComputedFormula() {
        // 8 of 10, z = 1.96: centre (0.8 + 0.19208) / 1.38416 = 0.7167379, half 1.96/1.38416·√(0.016 + 0.009604) = 0.2265811.
        assertArrayEquals(new double[] {0.4901568, 0.9433191}, Stats.wilson(8, 10, 1.96), 1e-7);
        // 0 of 10: [0, z²/(n + z²)] = [0, 3.8416/13.8416].
        assertArrayEquals(new double[] {0, 3.8416 / 13.8416}, Stats.wilson(0, 10, 1.96), 1e-12);
        // 70 of 100 with the exact 95 % quantile (statsmodels proportion_confint(70, 100, method='wilson')).
        assertArrayEquals(new double[] {0.6041515, 0.7810511}, Stats.wilson(70, 100, Stats.Z95), 1e-6);
    }

    @Test
    void wilsonRefusesImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> Stats.wilson(11, 10, 1.96));
        assertThrows(IllegalArgumentException.class, () -> Stats.wilson(1, 0, 1.96));
    }

    @Test
    void exactMcNemarMatchesTheBinomialTailByHand() {
        // b = 1, c = 9: 2·(C(10,0) + C(10,1))/1024 = 22/1024.
        assertEquals(22.0 / 1024, Stats.mcnemarExact(1, 9), 1e-15);
        assertEquals(22.0 / 1024, Stats.mcnemarExact(9, 1), 1e-15);
        // b = 0, c = 5: 2/32.
        assertEquals(2.0 / 32, Stats.mcnemarExact(0, 5), 1e-15);
        // b = 3, c = 5: 2·(1 + 8 + 28 + 56)/256 = 186/256.
        assertEquals(186.0 / 256, Stats.mcnemarExact(3, 5), 1e-15);
        // Balanced and empty: p capped at 1.
        assertEquals(1, Stats.mcnemarExact(4, 4), 0);
        assertEquals(1, Stats.mcnemarExact(0, 0), 0);
        // Large counts neither overflow nor underflow: b = 400, c = 600, 2·Σ_{k≤400} C(1000, k)/2^1000 in exact
        // integer arithmetic (Python) is 2.7284641560660184e-10.
        assertEquals(2.7284641560660184e-10, Stats.mcnemarExact(400, 600), 2.73e-10 * 1e-9);
    }

    @Test
    void signFlipOnSingleDrawsIsMcNemar() {
        double[] d = {1, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1};
        assertEquals(Stats.mcnemarExact(1, 9), Stats.pairedSignFlip(d, 10, 1), 0);
    }

    @Test
    void signFlipOnAveragedScoresApproximatesItsExactValue() {
        // d = {0.5, 0.5, 0.5, 0.5}: |Σ ±d| ≥ 2 only for all signs equal, 2 of 16 sign vectors: p = 1/8.
        double p = Stats.pairedSignFlip(new double[] {0.5, 0.5, 0.5, 0.5}, 100_000, 7);
        assertEquals(0.125, p, 0.005);
    }

    @Test
    void meanAndSampleSd() {
        assertEquals(2.5, Stats.mean(new double[] {1, 2, 3, 4}), 0);
        assertEquals(Math.sqrt(5.0 / 3), Stats.sd(new double[] {1, 2, 3, 4}), 1e-15);
        assertEquals(0, Stats.sd(new double[] {0.8}), 0);
    }
}

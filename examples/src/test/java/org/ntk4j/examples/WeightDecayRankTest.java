package org.ntk4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Experiment 3 (weight decay limits complexity), 5,000 steps per width (about 4 s each on the 2-core
 * VM). Measured: with weight decay rank(W_2) = 13 at h = 48 and h = 96 (σ_13 ≈ 0.92, σ_14 ≈ 0.10),
 * training loss 3 % of initial; without, 90 at h = 96 (loss 8e-6 of initial).
 */
class WeightDecayRankTest {
    @Test
    void weightDecayKeepsTheRankAtTheTasksComplexity() {
        WeightDecayRank.Result h48 = WeightDecayRank.run(48, WeightDecayRank.DECAY, 5000, 1);
        WeightDecayRank.Result h96 = WeightDecayRank.run(96, WeightDecayRank.DECAY, 5000, 1);
        assertTrue(h96.rank() >= 12 && h96.rank() <= 13, "rank at h = 96 " + h96.rank());
        assertTrue(h96.rank() <= 1.5 * h48.rank(), h96.rank() + " vs " + h48.rank());
        assertTrue(h96.lossRatio() < 0.1, "fits: " + h96.lossRatio());
    }

    @Test
    void withoutWeightDecayTheNoiseKeepsItNearlyFull() {
        WeightDecayRank.Result h96 = WeightDecayRank.run(96, 0, 5000, 1);
        assertTrue(h96.rank() >= 85, "rank at h = 96 without weight decay " + h96.rank());
    }
}

package org.ntk4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Experiment 2 (lazy versus rich). Measured on the 2-core VM (seed 1): α = 1, width 128, 150 steps to
 * 1 % of the initial loss: NTK drift 0.265, distance from the NTK prediction 0.053; α = 0.05 after
 * 10,000 steps (the test's cap; the example runs to 1 % in 26,050): drift ~7e6 (Θ₀ ∝ α^6 is tiny),
 * distance 1.000; drift after 150 steps at widths 64, 128, 256: 0.355, 0.265, 0.124.
 */
class LazyVersusRichTest {
    @Test
    void ordinaryInitialisationStaysInTheKernelRegime() {
        LazyVersusRich.Result lazy = LazyVersusRich.run(128, 1.0, 2000, 1);
        assertTrue(lazy.trainLossRatio() <= LazyVersusRich.TARGET, "trained: " + lazy);
        assertTrue(lazy.drift() < 0.35, "drift " + lazy);
        assertTrue(lazy.distance() < 0.25, "distance " + lazy);
    }

    @Test
    void smallInitialisationLeavesIt() {
        LazyVersusRich.Result rich = LazyVersusRich.run(128, 0.05, 10_000, 1);
        assertTrue(rich.trainLossRatio() < 0.5, "it learns: " + rich);
        assertTrue(rich.drift() > 30, "drift " + rich);
        assertTrue(rich.distance() > 0.8, "distance " + rich);
    }

    @Test
    void driftFallsWithWidth() {
        LazyVersusRich.Result narrow = LazyVersusRich.run(64, 1.0, LazyVersusRich.WIDTH_STEPS, 0, 1);
        LazyVersusRich.Result wide = LazyVersusRich.run(256, 1.0, LazyVersusRich.WIDTH_STEPS, 0, 1);
        assertTrue(wide.drift() < 0.5 * narrow.drift(), narrow + " vs " + wide);
    }
}

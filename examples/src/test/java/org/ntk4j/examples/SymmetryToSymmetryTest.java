package org.ntk4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntk4j.symmetry.parameter.SymmetryTrajectory;
import org.ntk4j.symmetry.parameter.SymmetryTrajectory.Event;

/**
 * Experiment 1 (symmetry-to-symmetry) at α = 0.1 and α = 1, 6,000 steps of η = 1 each (about a second
 * each). Measured on the 2-core VM: α = 0.1 starts with D_s = 15 in every layer, W_3's rank steps
 * 0→1→2→3 at steps 2370, 2760, 4820 inside the drops [2333, 2435], [2729, 2825], [4787, 4961]; 57 % of
 * 96 pair-breaking events inside drops; final loss 0.26 % of the initial. α = 1: D_s = 0, no rank step.
 */
class SymmetryToSymmetryTest {
    @Test
    void smallInitialisationLeavesSymmetricStatesInJumps() {
        SymmetryToSymmetry.Run r = SymmetryToSymmetry.run(0.1, 6000, 1.0, 1);
        for (int l = 0; l < SymmetryToSymmetry.HIDDEN; l++) {
            assertEquals(SymmetryToSymmetry.WIDTH - 1, r.initial(l).degree(), "D_s of hidden layer " + l + " at init");
            assertEquals(0, r.initial(l).weightRank());
        }
        List<Event> steps = r.rankSteps(SymmetryToSymmetry.RANK_LAYER);
        assertEquals(3, steps.size(), "rank steps " + steps);
        for (int k = 0; k < 3; k++) {
            assertEquals(k, steps.get(k).from());
            assertEquals(k + 1, steps.get(k).to());
            assertTrue(SymmetryTrajectory.insideDrops(steps.get(k).step(), r.drops(), SymmetryToSymmetry.SLACK),
                    "rank step " + steps.get(k) + " outside the drops " + r.drops());
        }
        // Each step in its own drop: three different drops.
        long distinct = steps.stream().map(e -> r.drops().stream()
                .filter(d -> d.contains(e.step(), SymmetryToSymmetry.SLACK)).findFirst().orElseThrow()).distinct().count();
        assertEquals(3, distinct);
        double inside = r.fractionInside(r.pairBreaks());
        assertTrue(r.pairBreaks().size() >= 10 && inside >= 0.4, r.pairBreaks().size() + " pair breaks, " + inside + " inside");
        double[] l = r.losses();
        assertTrue(l[l.length - 1] < 0.01 * l[0], "final loss " + l[l.length - 1] + " of " + l[0]);
    }

    @Test
    void ordinaryInitialisationHasNoSymmetricStateAndNoRankSteps() {
        SymmetryToSymmetry.Run r = SymmetryToSymmetry.run(1.0, 6000, 1.0, 1);
        for (int l = 0; l < SymmetryToSymmetry.HIDDEN; l++) {
            assertEquals(0, r.initial(l).degree(), "D_s of hidden layer " + l + " at init");
            assertEquals(SymmetryToSymmetry.WIDTH, r.initial(l).distinctNeurons());
        }
        assertEquals(List.of(), r.events().stream().filter(e -> e.kind() == SymmetryTrajectory.Kind.RANK_STEP
                && e.layer() >= 1 && e.layer() < SymmetryToSymmetry.HIDDEN).toList());
        assertEquals(List.of(), r.pairBreaks());
    }
}

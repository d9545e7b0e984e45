package org.ntk4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Units of tiles computed one by one, as a distributed runner does, assemble to the local builder's Gram. */
class GramTilesTest {
    @BeforeAll
    static void init() {
        Ntk4j.init();
    }

    @ParameterizedTest(name = "symmetric={0}, full={1}, tiles per unit={2}, shared chains={3}")
    @CsvSource({"true, false, 1, false", "true, true, 2, true", "false, true, 3, false", "false, false, 2, true"})
    void unitsComputedSeparatelyAssembleToTheLocalGram(boolean symmetric, boolean full, int perUnit, boolean shared) {
        INDArray x1 = GramCheckpointTest.inputs(10, 1);
        INDArray x2 = symmetric ? x1 : GramCheckpointTest.inputs(7, 2);
        CountingKernel function = new CountingKernel(1.5, full);
        Kernel expected = Gram.of(function).threads(2).tileSize(3).compute(x1, x2);
        double[][] rows1 = Inputs.rows(x1, "x1");
        double[][] rows2 = symmetric ? rows1 : Inputs.rows(x2, "x2");
        GramTiles tiles = GramTiles.of(function, Inputs.shapeOf(x1, "x1"), rows1, rows2, symmetric, true, 3);
        TileGrid grid = tiles.grid();
        GramOutput output = new GramOutput(grid, true);
        GramTiles.Chains cache = shared ? tiles.newChains() : null;

        List<List<TileGrid.Tile>> units = tiles.units(perUnit);
        for (List<TileGrid.Tile> unit : units) {
            Workspace ws = tiles.kernel().newWorkspace();
            GramTiles.Chains chains = tiles.chainsFor(unit, ws, cache);
            tiles.compute(unit, chains, ws, GramTiles.Monitor.NONE, output::paste);
        }

        assertEquals(grid.tiles().size(), units.stream().mapToInt(List::size).sum());
        Kernel assembled = output.kernel();
        assertArrayEquals(expected.nngp().data().asDouble(), assembled.nngp().data().asDouble(), 0.0);
        assertArrayEquals(expected.ntk().data().asDouble(), assembled.ntk().data().asDouble(), 0.0);
    }

    @ParameterizedTest(name = "tiles per unit {0}")
    @CsvSource({"0", "-1"})
    void unitsOfFewerThanOneTileAreRefused(int perUnit) {
        INDArray x = GramCheckpointTest.inputs(4, 3);
        double[][] rows = Inputs.rows(x, "x");
        GramTiles tiles = GramTiles.of(new CountingKernel(1, false), Inputs.shapeOf(x, "x"), rows, rows, true, true, 2);
        assertThrows(IllegalArgumentException.class, () -> tiles.units(perUnit));
    }
}

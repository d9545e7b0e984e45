package org.ntk4j.spark;

import java.io.Serializable;
import java.util.Set;
import org.ntk4j.core.GramTiles;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.Precision;
import org.ntk4j.layers.spec.NetworkSpec;

/**
 * What the driver sends to executors about a {@link SparkGram} build: the network spec as JSON and
 * the fingerprint the driver computed from it, where the inputs come from, the build's settings and
 * the shared tile directory (null when tiles come back to the driver only).
 *
 * @param id            unique per build; executors cache the build under it
 * @param specJson      the network spec
 * @param fingerprint   the driver's {@code KernelFunction.fingerprint()} of the parsed spec in {@code precision}
 * @param precision     the precision every pair is evaluated in
 * @param x1            X1
 * @param x2            X2, or null for the symmetric Gram of X1
 * @param spatial       spatial dims of one input
 * @param channels      channels of one input
 * @param ntk           whether the NTK is computed
 * @param tileSize      rows and columns per tile
 * @param tileDir       shared tile directory (checkpoint layout), or null
 * @param returnBlocks  whether tasks send their tiles back to the driver
 * @param failFirst     units whose first attempt fails after its first tile (fault-injection tests)
 * @param failAlways    units that always fail at once (tests of a stopped job)
 */
record ShippedBuild(String id, String specJson, String fingerprint, Precision precision, InputSource x1,
        InputSource x2, int[] spatial, int channels, boolean ntk, int tileSize, String tileDir, boolean returnBlocks,
        Set<Integer> failFirst, Set<Integer> failAlways) implements Serializable {

    /**
     * The build's tiles on this executor: the spec parsed and checked against the driver's
     * fingerprint, the inputs fetched.
     *
     * @throws IllegalArgumentException when this executor cannot parse the spec, or parses it into
     *     another network than the driver did
     */
    GramTiles open() {
        KernelFunction network;
        try {
            network = NetworkSpec.parse(specJson).withPrecision(precision);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("executor cannot parse the network spec: " + e.getMessage()
                    + " (is the same ntk4j version on the driver and the executors?)", e);
        }
        String here = network.fingerprint();
        if (!here.equals(fingerprint)) {
            throw new IllegalArgumentException("executor parses the network spec into another network than the "
                    + "driver (fingerprint " + here + ", driver " + fingerprint + "): is the same ntk4j version on the "
                    + "driver and the executors?");
        }
        double[][] rows1 = x1.rows();
        double[][] rows2 = x2 == null ? rows1 : x2.rows();
        return GramTiles.of(network, new InputShape(spatial, channels), rows1, rows2, x2 == null, ntk, tileSize);
    }
}

package org.ntk4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Precision;
import org.ntk4j.symmetry.Architecture;
import org.ntk4j.symmetry.PaperNetworks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per kernel entry (NNGP+NTK, one core) of Xiao & Pennington's Fig. 2 networks
 * ({@link PaperNetworks#paper()}: 8 hidden ReLU layers, σw² = 2, σb² = 0.01, 3×3 CIRCULAR filters,
 * LAP window 2) on Fashion-MNIST-sized inputs: 28×28×1, and 14×14×4 after space-to-depth as in the
 * paper. The variance chains of both inputs are computed in set-up, as a Gram build computes them
 * once per input.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector"})
public class PaperNetworkBenchmark {
    @Param({"FCN", "LCN", "VEC", "GAP", "LAP"})
    public Architecture architecture;

    @Param({"28x28x1", "14x14x4"})
    public String input;

    /** {@code float64} (default) or {@code float32} (see {@link Precision}). */
    @Param({"float64", "float32"})
    public String precision;

    private PairFixture pair;

    @Setup
    public void setUp() {
        String[] dims = input.split("x");
        InputShape shape = new InputShape(new int[] {Integer.parseInt(dims[0]), Integer.parseInt(dims[1])},
                Integer.parseInt(dims[2]));
        pair = new PairFixture(PaperNetworks.paper().network(architecture)
                .withPrecision(Precision.parse(precision)), shape, true);
    }

    @Benchmark
    public double entry() {
        return pair.entry();
    }
}

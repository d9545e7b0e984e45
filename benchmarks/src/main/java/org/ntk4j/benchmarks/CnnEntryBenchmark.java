package org.ntk4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Precision;
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
 * Time per kernel entry K(x, x') of the CNN-21 networks of neural-tangents' README on one core:
 * 20 × (Conv 3×3 SAME, ReLU), then GlobalAvgPool (GAP: the full 1024×1024 spatial covariance per
 * pair) or Flatten (only its diagonal), then Dense, on 32×32×3 inputs. The variance chains of both
 * inputs are computed in set-up, as a Gram build computes them once per input, so the number is the
 * marginal cost of one more entry. neural-tangents' published CPU figures per entry: GAP fp64
 * 258.6 ms on more than 56 cores, Flatten fp64 0.341 ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector"})
public class CnnEntryBenchmark {
    @Param({"gap", "flatten"})
    public String readout;

    @Param({"true", "false"})
    public boolean ntk;

    @Param({"21"})
    public int depth;

    @Param({"32"})
    public int size;

    /** {@code float64} (default) or {@code float32} (see {@link Precision}). */
    @Param({"float64", "float32"})
    public String precision;

    private PairFixture pair;

    @Setup
    public void setUp() {
        pair = new PairFixture(Networks.cnn(depth - 1, readout.equals("gap"))
                .withPrecision(Precision.parse(precision)), new InputShape(new int[] {size, size}, 3),
                ntk);
    }

    @Benchmark
    public double entry() {
        return pair.entry();
    }
}

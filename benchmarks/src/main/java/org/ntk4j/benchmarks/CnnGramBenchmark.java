package org.ntk4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
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
 * Wall time of a symmetric NNGP+NTK Gram K(X, X) of a pooled CNN — the paper's GAP-8 on 14×14×4
 * inputs (full 196×196 spatial covariances per pair) — on {@code threads} threads, for the 1 vs 2
 * thread scaling of pooled-CNN builds. {@code -p n=...} sets the number of inputs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector"})
public class CnnGramBenchmark {
    @Param({"48"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    @Param({"GAP"})
    public Architecture architecture;

    /** {@code float64} (default) or {@code float32} (see {@link Precision}). */
    @Param({"float64", "float32"})
    public String precision;

    private INDArray x;

    @Setup
    public void setUp() {
        Ntk4j.init();
        Nd4j.getRandom().setSeed(7);
        x = Nd4j.rand(DataType.DOUBLE, n, 14, 14, 4);
    }

    @Benchmark
    public Kernel gram() {
        return Gram.of(PaperNetworks.paper().network(architecture)
                .withPrecision(Precision.parse(precision))).threads(threads).compute(x);
    }
}

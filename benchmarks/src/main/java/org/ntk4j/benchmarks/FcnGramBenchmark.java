package org.ntk4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.Precision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall time of a symmetric FCN-8 ReLU NTK Gram K(X, X) of N inputs of dimension 784 (MNIST-sized)
 * on {@code threads} threads: 8 hidden Dense+ReLU layers, σw² = 2, σb² = 0.01. Run with
 * {@code -p threads=1,2} for the scaling question, {@code -p n=10000} for the target size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "--add-modules=jdk.incubator.vector"})
public class FcnGramBenchmark {
    @Param({"2000"})
    public int n;

    @Param({"2"})
    public int threads;

    /** {@code float64} (default) or {@code float32} (see {@link Precision}). */
    @Param({"float64", "float32"})
    public String precision;

    private INDArray x;
    private Kernel last;

    @Setup
    public void setUp() {
        Ntk4j.init();
        x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, n, 784);
    }

    @Benchmark
    public Kernel gram() {
        last = Gram.of(Networks.fcn(8).withPrecision(Precision.parse(precision))).threads(threads).compute(x);
        return last;
    }

    /**
     * Frees the iteration's output (1.6 GB at N = 10,000), as a program building Grams in a loop
     * should: left to the garbage collector, each iteration takes fresh pages, which on this project's
     * VM cost about 20× a recycled page to fault in (RESULTS.md, 2026-12-03, third session).
     */
    @TearDown(Level.Iteration)
    public void freeOutput() {
        if (last != null) {
            last.close();
            last = null;
        }
    }
}

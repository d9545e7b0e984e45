package org.ntk4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Ntk4j;
import org.ntk4j.core.Precision;
import org.ntk4j.layers.Layer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first Gram of a fresh JVM against a warmed one (issue "Performance, third round": a short job
 * must not pay seconds of JIT warm-up). Each fork builds the same Gram {@code iterations} times with
 * no warm-up: iteration 1 is the cold build (ND4J and the inputs are set up before it, so it times
 * the kernel code's first run: interpretation, C1, C2), the last ones the warmed builds. Compare
 * JMH's per-iteration lines: {@code bin/ntk4j-bench ColdStartBenchmark -f 5} and look at iteration 1
 * against iterations 4–6. Networks: CNN-GAP-21 on 4 images of 32×32×3 (10 entries), the Flatten
 * readout of the same on 64 images, and FCN-8 on 2,000 784-vectors (blocks and BLAS).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 6)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector"})
public class ColdStartBenchmark {
    @Param({"cnn-gap-21", "cnn-flatten-21", "fcn-8"})
    public String network;

    /** {@code float64} (default) or {@code float32}. */
    @Param({"float64"})
    public String precision;

    private Layer net;
    private INDArray x;

    @Setup(Level.Trial)
    public void setUp() {
        Ntk4j.init();
        Nd4j.getRandom().setSeed(11);
        switch (network) {
            case "cnn-gap-21" -> {
                net = Networks.cnn(20, true);
                x = Nd4j.rand(DataType.DOUBLE, 4, 32, 32, 3);
            }
            case "cnn-flatten-21" -> {
                net = Networks.cnn(20, false);
                x = Nd4j.rand(DataType.DOUBLE, 64, 32, 32, 3);
            }
            case "fcn-8" -> {
                net = Networks.fcn(8);
                x = Nd4j.rand(DataType.DOUBLE, 2000, 784);
            }
            default -> throw new IllegalArgumentException("unknown network " + network);
        }
    }

    @Benchmark
    public Kernel gram() {
        return Gram.of(net.withPrecision(Precision.parse(precision))).threads(1).compute(x);
    }
}

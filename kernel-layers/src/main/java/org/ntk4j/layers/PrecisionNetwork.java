package org.ntk4j.layers;

import org.ntk4j.core.CompiledKernel;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.KernelFunction;
import org.ntk4j.core.Precision;

/**
 * A network evaluated in a chosen {@link Precision}: {@code net.withPrecision(Precision.FLOAT32)}.
 * Its description, and so its {@linkplain KernelFunction#fingerprint() fingerprint}, names the
 * precision, so a Gram checkpoint of one precision refuses to resume in the other.
 */
public final class PrecisionNetwork implements KernelFunction {
    private final Layer network;
    private final Precision precision;

    PrecisionNetwork(Layer network, Precision precision) {
        if (network == null || precision == null) {
            throw new IllegalArgumentException("withPrecision: network and precision must not be null");
        }
        this.network = network;
        this.precision = precision;
    }

    public Layer network() {
        return network;
    }

    public Precision precision() {
        return precision;
    }

    @Override
    public CompiledKernel compile(InputShape shape) {
        return Network.compile(network, shape, false, true, precision);
    }

    @Override
    public String toString() {
        return network + " @ " + precision.label();
    }
}

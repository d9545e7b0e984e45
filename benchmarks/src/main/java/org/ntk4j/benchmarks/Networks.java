package org.ntk4j.benchmarks;

import static org.ntk4j.layers.Layers.*;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.layers.Layer;

/** The benchmark networks. */
final class Networks {
    private Networks() {
    }

    /**
     * neural-tangents' README network: {@code depth} × (Conv 3×3 SAME, ReLU), then the readout
     * ({@code gap}: GlobalAvgPool, else Flatten) and Dense(1); W_std 1.5... as in the README's
     * {@code stax.Conv(1, (3, 3), padding='SAME'), stax.Relu()} blocks with default W_std 1.
     */
    static Layer cnn(int depth, boolean gap) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            layers.add(conv(1, 3, 3).padding(SAME));
            layers.add(relu());
        }
        layers.add(gap ? globalAvgPool() : flatten());
        layers.add(dense(1));
        return serial(layers);
    }

    /** An FCN with {@code depth} hidden Dense+ReLU layers, σw² = 2, σb² = 0.01, and a Dense readout. */
    static Layer fcn(int depth) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            layers.add(dense(1, Math.sqrt(2), 0.1));
            layers.add(relu());
        }
        layers.add(dense(1, Math.sqrt(2), 0.1));
        return serial(layers);
    }
}

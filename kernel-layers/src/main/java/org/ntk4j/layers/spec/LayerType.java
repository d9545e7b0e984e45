package org.ntk4j.layers.spec;

import java.util.Set;
import java.util.function.Function;
import org.ntk4j.layers.Layer;

/**
 * How one layer type is written in a JSON network spec: its neural-tangents name (the
 * {@code "type"} value), the constructor keys it accepts, and the builder that reads them.
 * Each layer class declares its own types; {@link NetworkSpec} looks them up by name, and a user
 * adds a type of their own with {@link NetworkSpec#register}.
 *
 * <pre>{@code
 * NetworkSpec.register(new LayerType("MyAct", Set.of("k"), f -> new MyAct(f.number("k", 1.0))));
 * }</pre>
 *
 * @param name    the type name, e.g. {@code "Gelu"}
 * @param keys    the keys besides {@code "type"} that the layer accepts (any other is an error)
 * @param builder makes the layer from its keys; throws {@link IllegalArgumentException} for bad values
 */
public record LayerType(String name, Set<String> keys, Function<SpecFields, Layer> builder) {
    public LayerType {
        if (name == null || name.isBlank() || keys == null || builder == null) {
            throw new IllegalArgumentException("LayerType needs a name, a key set and a builder");
        }
        keys = Set.copyOf(keys);
    }

    /** A type without keys, e.g. {@code LayerType.of("Gelu", Gelu::new)}. */
    public static LayerType of(String name, java.util.function.Supplier<? extends Layer> make) {
        return new LayerType(name, Set.of(), f -> make.get());
    }
}

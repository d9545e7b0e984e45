package org.ntk4j.layers.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.Layers;

/**
 * Reads a network from JSON with the keys of neural-tangents' constructor arguments:
 *
 * <pre>{@code
 * {"layers": [
 *   {"type": "Conv", "out_chan": 1, "filter_shape": [3, 3], "padding": "SAME", "W_std": 1.5, "b_std": 0.1},
 *   {"type": "Relu"},
 *   {"type": "GlobalAvgPool"},
 *   {"type": "Dense", "out_dim": 1, "W_std": 1.5, "b_std": 0.1}]}
 * }</pre>
 *
 * A registry of {@link LayerType}s, looked up by the {@code "type"} name: every built-in layer
 * declares its own ({@link Layers#specTypes()}), and {@link #register} adds a user's. Parsing is
 * strict: unknown types, unknown, duplicate or missing keys, integers out of range, non-finite
 * numbers, trailing text after the object and specs larger than {@link #MAX_BYTES} are errors
 * naming the layer.
 */
public final class NetworkSpec {
    /** The largest spec file {@link #read} accepts. */
    public static final int MAX_BYTES = 16 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Map<String, LayerType> TYPES = new ConcurrentHashMap<>();

    static {
        for (LayerType t : Layers.specTypes()) {
            TYPES.put(t.name(), t);
        }
    }

    private NetworkSpec() {
    }

    /**
     * Adds a layer type (a user's own layer) to the registry, so specs can name it.
     *
     * @throws IllegalArgumentException when a different type of that name is already registered
     */
    public static void register(LayerType type) {
        LayerType old = TYPES.putIfAbsent(type.name(), type);
        if (old != null && old != type) {
            throw new IllegalArgumentException("a layer type named '" + type.name() + "' is already registered");
        }
    }

    /** The names of every known layer type, sorted. */
    public static Set<String> typeNames() {
        return new TreeSet<>(TYPES.keySet());
    }

    /** Parses a spec: an object with {@code "layers"} (a serial network) or a single layer object. */
    public static Layer parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("network spec is not valid JSON: " + e.getOriginalMessage());
        }
        return fromJson(root);
    }

    /** Reads and parses a spec file (at most {@link #MAX_BYTES}). */
    public static Layer read(Path file) throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": network spec is larger than " + (MAX_BYTES >> 20)
                        + " MiB; a spec is a short JSON object");
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The network described by an already parsed JSON tree. */
    public static Layer fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("network spec must be a JSON object with \"layers\"");
        }
        if (!root.has("type")) {
            if (!root.has("layers")) {
                throw new IllegalArgumentException("network spec: missing key 'layers'");
            }
            for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
                String key = it.next();
                if (!key.equals("layers")) {
                    throw new IllegalArgumentException("network spec: unknown top-level key '" + key
                            + "'; a spec is {\"layers\": [...]} or one layer object with \"type\"");
                }
            }
            return Layers.serial(layerList(root.get("layers"), "layers"));
        }
        return layer(root, "layer");
    }

    static List<Layer> layerList(JsonNode arr, String path) {
        if (arr == null || !arr.isArray() || arr.isEmpty()) {
            throw new IllegalArgumentException(path + " must be a non-empty array of layer objects");
        }
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            out.add(layer(arr.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static Layer layer(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be a layer object like {\"type\": \"Relu\"}, got " + node);
        }
        if (!node.hasNonNull("type") || !node.get("type").isTextual()) {
            throw new IllegalArgumentException(path + ": missing key 'type'");
        }
        String name = node.get("type").asText();
        LayerType type = TYPES.get(name);
        if (type == null) {
            throw new IllegalArgumentException(path + ": unknown layer type '" + name + "'; known types: " + typeNames());
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!key.equals("type") && !type.keys().contains(key)) {
                throw new IllegalArgumentException(path + " (" + name + "): unknown key '" + key + "'; allowed keys: "
                        + new TreeSet<>(type.keys()));
            }
        }
        SpecFields f = new SpecFields(node, path + " (" + name + ")", path);
        try {
            return type.builder().apply(f);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw msg != null && msg.startsWith(path) ? e : new IllegalArgumentException(path + " (" + name + "): " + msg, e);
        }
    }
}

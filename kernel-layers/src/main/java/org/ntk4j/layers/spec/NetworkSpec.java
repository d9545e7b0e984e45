package org.ntk4j.layers.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ntk4j.core.Padding;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.Layers;
import org.ntk4j.layers.Parameterization;

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
 * Types: Dense, Conv, ConvLocal (out_dim / out_chan, filter_shape, strides, padding, W_std, b_std
 * — null or absent for no bias — and parameterization), AvgPool (window_shape, strides, padding,
 * normalize_edges), GlobalAvgPool, Flatten, Relu, ABRelu (a, b), LeakyRelu (alpha), Abs, Erf (a, b, c),
 * Identity, and the combinators Serial (layers), FanOut (num), Parallel (layers), FanInSum,
 * FanInConcat. Unknown types, unknown keys and missing required keys are errors naming the layer.
 */
public final class NetworkSpec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("Dense", Set.of("out_dim", "W_std", "b_std", "parameterization")),
            Map.entry("Conv", Set.of("out_chan", "filter_shape", "strides", "padding", "W_std", "b_std", "parameterization")),
            Map.entry("ConvLocal", Set.of("out_chan", "filter_shape", "strides", "padding", "W_std", "b_std",
                    "parameterization")),
            Map.entry("AvgPool", Set.of("window_shape", "strides", "padding", "normalize_edges")),
            Map.entry("GlobalAvgPool", Set.of()),
            Map.entry("Flatten", Set.of()),
            Map.entry("Relu", Set.of()),
            Map.entry("ABRelu", Set.of("a", "b")),
            Map.entry("LeakyRelu", Set.of("alpha")),
            Map.entry("Abs", Set.of()),
            Map.entry("Erf", Set.of("a", "b", "c")),
            Map.entry("Identity", Set.of()),
            Map.entry("Serial", Set.of("layers")),
            Map.entry("Parallel", Set.of("layers")),
            Map.entry("FanOut", Set.of("num")),
            Map.entry("FanInSum", Set.of()),
            Map.entry("FanInConcat", Set.of()));

    private NetworkSpec() {
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

    /** Reads and parses a spec file. */
    public static Layer read(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
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
            return Layers.serial(layerList(root.get("layers"), "layers"));
        }
        return layer(root, "layer");
    }

    private static List<Layer> layerList(JsonNode arr, String path) {
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
        String type = node.get("type").asText();
        Set<String> allowed = KEYS.get(type);
        if (allowed == null) {
            throw new IllegalArgumentException(path + ": unknown layer type '" + type + "'; known types: "
                    + new TreeSet<>(KEYS.keySet()));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!key.equals("type") && !allowed.contains(key)) {
                throw new IllegalArgumentException(path + " (" + type + "): unknown key '" + key + "'; allowed keys: "
                        + new TreeSet<>(allowed));
            }
        }
        Fields f = new Fields(node, path + " (" + type + ")");
        try {
            return build(type, node, f, path);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw msg.startsWith(path) ? e : new IllegalArgumentException(path + ": " + msg, e);
        }
    }

    private static Layer build(String type, JsonNode node, Fields f, String path) {
        return switch (type) {
            case "Dense" -> Layers.dense(f.requiredInt("out_dim"), f.number("W_std", 1.0), f.optionalNumber("b_std"),
                    f.parameterization());
            case "Conv" -> Layers.conv(f.requiredInt("out_chan"), f.requiredInts("filter_shape"), f.ints("strides"),
                    f.padding(), f.number("W_std", 1.0), f.optionalNumber("b_std"), f.parameterization());
            case "ConvLocal" -> Layers.convLocal(f.requiredInt("out_chan"), f.requiredInts("filter_shape"),
                    f.ints("strides"), f.padding(), f.number("W_std", 1.0), f.optionalNumber("b_std"),
                    f.parameterization());
            case "AvgPool" -> Layers.avgPool(f.requiredInts("window_shape"), f.ints("strides"), f.padding(),
                    f.bool("normalize_edges", false));
            case "GlobalAvgPool" -> Layers.globalAvgPool();
            case "Flatten" -> Layers.flatten();
            case "Relu" -> Layers.relu();
            case "ABRelu" -> Layers.abRelu(f.requiredNumber("a"), f.requiredNumber("b"));
            case "LeakyRelu" -> Layers.leakyRelu(f.requiredNumber("alpha"));
            case "Abs" -> Layers.abs();
            case "Erf" -> Layers.erf(f.number("a", 1.0), f.number("b", 1.0), f.number("c", 0.0));
            case "Identity" -> Layers.identity();
            case "Serial" -> Layers.serial(layerList(node.get("layers"), path + ".layers"));
            case "Parallel" -> Layers.parallel(layerList(node.get("layers"), path + ".layers").toArray(new Layer[0]));
            case "FanOut" -> Layers.fanOut(f.requiredInt("num"));
            case "FanInSum" -> Layers.fanInSum();
            case "FanInConcat" -> Layers.fanInConcat();
            default -> throw new IllegalStateException(type);
        };
    }

    /** Typed access to a layer object's keys, with errors naming the layer. */
    private record Fields(JsonNode node, String where) {
        private JsonNode present(String key) {
            JsonNode v = node.get(key);
            return v == null || v.isNull() ? null : v;
        }

        private IllegalArgumentException missing(String key) {
            return new IllegalArgumentException(where + ": missing key '" + key + "'");
        }

        private IllegalArgumentException wrong(String key, String expected) {
            return new IllegalArgumentException(where + ": key '" + key + "' must be " + expected + ", got " + node.get(key));
        }

        int requiredInt(String key) {
            JsonNode v = present(key);
            if (v == null) {
                throw missing(key);
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                throw wrong(key, "an integer");
            }
            return v.asInt();
        }

        double requiredNumber(String key) {
            Double d = optionalNumber(key);
            if (d == null) {
                throw missing(key);
            }
            return d;
        }

        double number(String key, double dflt) {
            Double d = optionalNumber(key);
            return d == null ? dflt : d;
        }

        Double optionalNumber(String key) {
            JsonNode v = present(key);
            if (v == null) {
                return null;
            }
            if (!v.isNumber()) {
                throw wrong(key, "a number");
            }
            return v.asDouble();
        }

        boolean bool(String key, boolean dflt) {
            JsonNode v = present(key);
            if (v == null) {
                return dflt;
            }
            if (!v.isBoolean()) {
                throw wrong(key, "true or false");
            }
            return v.asBoolean();
        }

        int[] requiredInts(String key) {
            int[] v = ints(key);
            if (v == null) {
                throw missing(key);
            }
            return v;
        }

        int[] ints(String key) {
            JsonNode v = present(key);
            if (v == null) {
                return null;
            }
            if (!v.isArray() || v.isEmpty()) {
                throw wrong(key, "a non-empty array of integers");
            }
            int[] out = new int[v.size()];
            for (int i = 0; i < out.length; i++) {
                if (!v.get(i).isIntegralNumber()) {
                    throw wrong(key, "a non-empty array of integers");
                }
                out[i] = v.get(i).asInt();
            }
            return out;
        }

        Padding padding() {
            JsonNode v = present("padding");
            if (v == null) {
                return Padding.VALID;
            }
            try {
                return Padding.parse(v.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }

        Parameterization parameterization() {
            JsonNode v = present("parameterization");
            if (v == null) {
                return Parameterization.NTK;
            }
            try {
                return Parameterization.parse(v.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
    }
}

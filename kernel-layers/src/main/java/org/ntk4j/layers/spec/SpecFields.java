package org.ntk4j.layers.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.ntk4j.core.Padding;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.Parameterization;

/**
 * Typed, strict access to the keys of one layer object of a JSON spec, for {@link LayerType}
 * builders. Every error names the layer ({@code layers[2] (Conv)}) and the key; integers must be
 * integral and in range, numbers finite.
 */
public final class SpecFields {
    private final JsonNode node;
    private final String where;
    private final String path;

    SpecFields(JsonNode node, String where, String path) {
        this.node = node;
        this.where = where;
        this.path = path;
    }

    /** The layer's place and type for error messages, e.g. {@code layers[2] (Conv)}. */
    public String where() {
        return where;
    }

    /** Whether the key is present and not null. */
    public boolean has(String key) {
        return present(key) != null;
    }

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

    /** A required integer (int range, no fraction). */
    public int requiredInt(String key) {
        JsonNode v = present(key);
        if (v == null) {
            throw missing(key);
        }
        return integer(key, v);
    }

    /** An optional integer, {@code dflt} when absent. */
    public int integer(String key, int dflt) {
        JsonNode v = present(key);
        return v == null ? dflt : integer(key, v);
    }

    private int integer(String key, JsonNode v) {
        if (!isInt(v)) {
            throw wrong(key, "an integer (at most " + Integer.MAX_VALUE + " in magnitude)");
        }
        return v.intValue();
    }

    private static boolean isInt(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToInt();
    }

    /** A required finite number. */
    public double requiredNumber(String key) {
        Double d = optionalNumber(key);
        if (d == null) {
            throw missing(key);
        }
        return d;
    }

    /** An optional finite number, {@code dflt} when absent. */
    public double number(String key, double dflt) {
        Double d = optionalNumber(key);
        return d == null ? dflt : d;
    }

    /** A finite number, or null when absent or null. */
    public Double optionalNumber(String key) {
        JsonNode v = present(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw wrong(key, "a finite number");
        }
        return v.asDouble();
    }

    /** A required non-empty array of finite numbers. */
    public double[] requiredNumbers(String key) {
        JsonNode v = present(key);
        if (v == null) {
            throw missing(key);
        }
        if (!v.isArray() || v.isEmpty()) {
            throw wrong(key, "a non-empty array of numbers");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber() || !Double.isFinite(v.get(i).asDouble())) {
                throw wrong(key, "a non-empty array of finite numbers");
            }
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    /** An optional boolean, {@code dflt} when absent. */
    public boolean bool(String key, boolean dflt) {
        JsonNode v = present(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw wrong(key, "true or false");
        }
        return v.asBoolean();
    }

    /** An optional string, {@code dflt} when absent. */
    public String string(String key, String dflt) {
        JsonNode v = present(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw wrong(key, "a string");
        }
        return v.asText();
    }

    /** A required non-empty array of integers. */
    public int[] requiredInts(String key) {
        int[] v = ints(key);
        if (v == null) {
            throw missing(key);
        }
        return v;
    }

    /** An optional non-empty array of integers, null when absent. */
    public int[] ints(String key) {
        JsonNode v = present(key);
        if (v == null) {
            return null;
        }
        if (!v.isArray() || v.isEmpty()) {
            throw wrong(key, "a non-empty array of integers");
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!isInt(v.get(i))) {
                throw wrong(key, "a non-empty array of integers (each at most " + Integer.MAX_VALUE + ")");
            }
            out[i] = v.get(i).intValue();
        }
        return out;
    }

    /** {@code padding}: VALID (default), SAME or CIRCULAR. */
    public Padding padding() {
        String v = string("padding", null);
        if (v == null) {
            return Padding.VALID;
        }
        try {
            return Padding.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    /** {@code parameterization}: ntk (default) or standard. */
    public Parameterization parameterization() {
        String v = string("parameterization", null);
        if (v == null) {
            return Parameterization.NTK;
        }
        try {
            return Parameterization.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    /** A required non-empty array of layer objects under {@code key} (for combinators). */
    public List<Layer> layers(String key) {
        return NetworkSpec.layerList(node.get(key), path + "." + key);
    }
}

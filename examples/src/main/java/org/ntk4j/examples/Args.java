package org.ntk4j.examples;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code --name value} command-line options of the example programs, with defaults. A value may
 * also come from the system property {@code ntk4j.<name>}; {@code -Dntk4j.heavy=true} (or
 * {@code --heavy true}) selects an example's heavy settings.
 */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, System.getProperty("ntk4j." + name, fallback));
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }

    long seed(String name, long fallback) {
        return Long.parseLong(get(name, Long.toString(fallback)));
    }

    Path path(String name, String fallback) {
        return Path.of(get(name, fallback));
    }

    boolean heavy() {
        return Boolean.parseBoolean(get("heavy", "false"));
    }
}

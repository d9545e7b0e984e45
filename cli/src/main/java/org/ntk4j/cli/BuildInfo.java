package org.ntk4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version and JVM flags the build wrote into {@code build.properties}. */
final class BuildInfo {
    private static final Properties PROPS = load();

    private BuildInfo() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT} ({@code unknown} outside a Maven build). */
    static String version() {
        String v = PROPS.getProperty("version", "");
        return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    }

    /** The {@code --add-opens} flags Spark 3.5 needs on Java 17 (the root pom's spark.jvm.flags), or empty. */
    static String sparkJvmFlags() {
        String v = PROPS.getProperty("spark.jvm.flags", "").trim();
        return v.startsWith("${") ? "" : v;
    }

    /** {@code ntk4j <version>}. */
    static String versionLine() {
        return "ntk4j " + version();
    }
}

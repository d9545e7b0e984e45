package org.ntk4j.spark;

import java.time.Duration;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The one Spark context of the test JVM: {@code local[2,2]}, two task threads and two attempts per
 * task (plain {@code local[2]} never retries a failed task), listening on the loopback address only,
 * without the web UI. Stopped when the JVM exits.
 */
final class LocalSpark {
    static final String MASTER = "local[2,2]";
    private static JavaSparkContext context;

    private LocalSpark() {
    }

    static synchronized JavaSparkContext context() {
        if (context == null) {
            context = SparkMaster.connect(MASTER, "ntk4j-tests", Map.of("spark.driver.host", "127.0.0.1",
                    "spark.driver.bindAddress", "127.0.0.1", "spark.ui.enabled", "false"), Duration.ofSeconds(10));
            JavaSparkContext sc = context;
            Runtime.getRuntime().addShutdownHook(new Thread(sc::stop));
        }
        return context;
    }
}

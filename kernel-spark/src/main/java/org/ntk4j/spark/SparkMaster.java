package org.ntk4j.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts a Spark context for a master URL, failing fast with the URL in the message instead of
 * hanging when the master cannot be reached or no executor joins.
 *
 * <p>Masters: {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]} (F attempts per
 * task; plain {@code local[N]} never retries a task), {@code spark://host:port[,host:port...]},
 * {@code k8s://https://host:port}, {@code yarn}, and {@value #SUBMIT}: the master spark-submit was
 * given ({@code spark.master}). Local masters listen on the loopback address only, without the web
 * UI, unless the configuration says otherwise; so does the driver when every address of a {@code spark://}
 * master is a loopback address (a cluster on this machine, e.g. {@code spark://127.0.0.1:7077}).
 */
public final class SparkMaster {
    /** The master argument meaning "the one spark-submit set". */
    public static final String SUBMIT = "submit";
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?|local-cluster\\[.*]");
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private SparkMaster() {
    }

    /**
     * A Spark context on {@code master} for an application called {@code appName}, with the extra
     * configuration {@code conf} (spark-submit's and {@code spark.*} system properties are read too).
     *
     * @param executorWait how long to wait for a first executor on a cluster master
     * @throws IllegalArgumentException when the URL is not a master URL, the master cannot be reached
     *     (within 5 s per address), or no executor registers within {@code executorWait}; the message
     *     names the URL
     */
    public static JavaSparkContext connect(String master, String appName, Map<String, String> conf,
            Duration executorWait) {
        SparkConf sparkConf = new SparkConf();
        conf.forEach(sparkConf::set);
        String url = master;
        if (SUBMIT.equals(master)) {
            if (!sparkConf.contains("spark.master")) {
                throw new IllegalArgumentException("Spark master '" + SUBMIT + "' means the master spark-submit was "
                        + "given, but spark.master is not set: run under spark-submit, or give a master URL");
            }
            url = sparkConf.get("spark.master");
        }
        boolean local = LOCAL.matcher(url).matches();
        if (local) {
            sparkConf.setIfMissing("spark.driver.host", "127.0.0.1");
            sparkConf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            sparkConf.setIfMissing("spark.ui.enabled", "false");
        } else {
            List<InetSocketAddress> masters = checkReachable(url);
            if (!masters.isEmpty() && masters.stream().allMatch(a -> a.getAddress() != null
                    && a.getAddress().isLoopbackAddress())) {
                // A master on this machine's loopback: executors reach the driver there too.
                sparkConf.setIfMissing("spark.driver.host", "127.0.0.1");
                sparkConf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        sparkConf.setMaster(url).setAppName(appName);
        sparkConf.setIfMissing("spark.ui.showConsoleProgress", "false");
        JavaSparkContext sc = new JavaSparkContext(sparkConf);
        if (!local) {
            awaitExecutor(sc, url, executorWait);
        }
        return sc;
    }

    /**
     * Connects to each address of a {@code spark://} or {@code k8s://} URL until one answers, and returns
     * the addresses; refuses other schemes but yarn (no addresses).
     */
    static List<InetSocketAddress> checkReachable(String url) {
        List<InetSocketAddress> addresses = addresses(url);
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress a : addresses) {
            try (Socket s = new Socket()) {
                s.connect(a, CONNECT_TIMEOUT_MS);
                return addresses;
            } catch (IOException e) {
                failures.add(a.getHostString() + ":" + a.getPort() + " (" + e.getMessage() + ")");
            }
        }
        if (!addresses.isEmpty()) {
            throw new IllegalArgumentException("cannot reach the Spark master " + url + ": " + String.join(", ", failures));
        }
        return addresses;
    }

    /** The addresses to try for a master URL; empty for yarn (found through the Hadoop configuration). */
    static List<InetSocketAddress> addresses(String url) {
        List<InetSocketAddress> out = new ArrayList<>();
        if (url.equals("yarn")) {
            return out;
        }
        String hosts;
        int defaultPort;
        if (url.startsWith("spark://")) {
            hosts = url.substring("spark://".length());
            defaultPort = 7077;
        } else if (url.startsWith("k8s://")) {
            String rest = url.substring("k8s://".length());
            URI uri = URI.create(rest.contains("://") ? rest : "https://" + rest);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("not a Spark master URL: " + url + " (no host)");
            }
            out.add(InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() < 0 ? 443 : uri.getPort()));
            return resolved(out);
        } else {
            throw new IllegalArgumentException("not a Spark master URL: " + url + "; expected local[N], local[N,F], "
                    + "spark://host:port, k8s://https://host:port, yarn or " + SUBMIT);
        }
        for (String hostPort : hosts.split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? defaultPort : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a Spark master URL: " + url + " (bad port in " + hostPort + ")");
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("not a Spark master URL: " + url + " (no host)");
            }
            out.add(InetSocketAddress.createUnresolved(host, port));
        }
        return resolved(out);
    }

    private static List<InetSocketAddress> resolved(List<InetSocketAddress> unresolved) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetSocketAddress a : unresolved) {
            out.add(new InetSocketAddress(a.getHostString(), a.getPort()));
        }
        return out;
    }

    /** Waits until an executor has registered; stops the context and throws when none does in time. */
    private static void awaitExecutor(JavaSparkContext sc, String url, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (sc.sc().isStopped()) {
                break;
            }
            // getExecutorInfos lists the driver too
            if (sc.sc().statusTracker().getExecutorInfos().length > 1) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                sc.stop();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for executors of " + url, e);
            }
        }
        boolean removed = sc.sc().isStopped();
        sc.stop();
        if (removed) {
            throw new IllegalArgumentException("the Spark master " + url + " removed the application before an "
                    + "executor registered: its executors failed to start (see the workers' logs and the executors' "
                    + "stderr in the workers' work directories)");
        }
        throw new IllegalArgumentException("no executor registered with the Spark master " + url + " within "
                + wait.toSeconds() + " s: are workers running, with enough free cores and memory for the application "
                + "(spark.executor.memory, spark.executor.cores), or are other applications holding them (wait longer: "
                + "--spark-executor-wait SECONDS)?");
    }
}

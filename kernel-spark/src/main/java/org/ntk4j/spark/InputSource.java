package org.ntk4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.spark.broadcast.Broadcast;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.io.Npy;

/** How an executor gets one batch of inputs as flat rows: from a broadcast, or from a shared .npy file. */
interface InputSource extends Serializable {
    /**
     * The rows, as the driver read them.
     *
     * @throws IllegalStateException when a shared file holds other inputs than the driver read
     */
    double[][] rows();

    /** Rows sent with the job. */
    static InputSource broadcast(Broadcast<double[][]> rows) {
        return new Broadcasted(rows);
    }

    /** Rows read from {@code file}, which must hold doubles whose SHA-256 is {@code sha256}. */
    static InputSource sharedFile(Path file, String sha256) {
        return new SharedFile(file.toString(), sha256);
    }

    /** Rows sent with the job. */
    record Broadcasted(Broadcast<double[][]> broadcast) implements InputSource {
        @Override
        public double[][] rows() {
            return broadcast.value();
        }
    }

    /** Rows read from a shared file. */
    record SharedFile(String path, String sha256) implements InputSource {
        @Override
        public double[][] rows() {
            double[][] rows;
            try {
                rows = Inputs.rows(Npy.read(Path.of(path)), path);
            } catch (IOException e) {
                throw new UncheckedIOException("executor cannot read inputs " + path + " (is it on a file system "
                        + "every executor sees?): " + e.getMessage(), e);
            }
            String read = Inputs.fingerprint(rows);
            if (!read.equals(sha256)) {
                throw new IllegalStateException("inputs " + path + " on this executor differ from the driver's (SHA-256 "
                        + read + ", driver " + sha256 + "): the path must name the same file on every machine");
            }
            return rows;
        }
    }
}

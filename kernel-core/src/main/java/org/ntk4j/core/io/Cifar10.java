package org.ntk4j.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

/**
 * Reads CIFAR-10 binary batches ({@code cifar-10-batches-bin}: {@code data_batch_1.bin} ...
 * {@code data_batch_5.bin}, {@code test_batch.bin}), plain or gzipped.
 *
 * <p>Each record is 3073 bytes: the label (0–9), then 1024 red, 1024 green and 1024 blue bytes,
 * each a 32×32 image in row-major order. Images come out channels-last,
 * {@code x[n, h, w, c] = record_n[1 + 1024·c + 32·h + w]}, shape (N, 32, 32, 3), values 0–255.
 *
 * <p>A file whose size is not a multiple of 3073 (truncated, or not a CIFAR-10 batch) or with a
 * label above 9 is an {@link IllegalArgumentException} naming the file; a missing file or
 * directory is a {@link java.nio.file.NoSuchFileException}.
 */
public final class Cifar10 {
    /** Image side. */
    public static final int SIDE = 32;
    /** Bytes per record: one label and 3·32·32 pixels. */
    public static final int RECORD = 1 + 3 * SIDE * SIDE;

    private Cifar10() {
    }

    /** Reads and concatenates the given batch files in order. */
    public static LabelledData read(Path... batches) throws IOException {
        if (batches == null || batches.length == 0) {
            throw new IllegalArgumentException("no CIFAR-10 batch files given");
        }
        List<byte[]> contents = new ArrayList<>();
        int records = 0;
        for (Path file : batches) {
            byte[] bytes = DataFiles.readAll(file, "CIFAR-10 binary batch");
            if (bytes.length == 0 || bytes.length % RECORD != 0) {
                throw new IllegalArgumentException(file + ": " + bytes.length + " bytes is not a whole number of "
                        + RECORD + "-byte records (label + 3072 pixels): truncated or not a CIFAR-10 binary batch");
            }
            contents.add(bytes);
            records += bytes.length / RECORD;
        }
        double[] x = new double[records * (RECORD - 1)];
        double[] labels = new double[records];
        int n = 0;
        for (int f = 0; f < batches.length; f++) {
            byte[] bytes = contents.get(f);
            for (int r = 0; r < bytes.length / RECORD; r++, n++) {
                decode(bytes, r * RECORD, x, n, labels, batches[f]);
            }
        }
        Ntk4j.init();
        return new LabelledData(Nd4j.create(x, new long[] {records, SIDE, SIDE, 3}, 'c'), Nd4j.createFromArray(labels));
    }

    private static void decode(byte[] bytes, int at, double[] x, int n, double[] labels, Path file) {
        int label = bytes[at] & 0xff;
        if (label > 9) {
            throw new IllegalArgumentException(file + ": record " + (at / RECORD) + " has label " + label
                    + ", expected 0-9: not a CIFAR-10 binary batch (CIFAR-100 has two label bytes)");
        }
        labels[n] = label;
        int plane = SIDE * SIDE;
        int base = n * 3 * plane;
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < plane; p++) {
                x[base + 3 * p + c] = bytes[at + 1 + c * plane + p] & 0xff;
            }
        }
    }

    /**
     * The standard split from a {@code cifar-10-batches-bin} directory: training
     * {@code data_batch_1.bin}–{@code data_batch_5.bin} (50,000), test {@code test_batch.bin} (10,000).
     */
    public static TrainTest load(Path dir) throws IOException {
        DataFiles.requireDirectory(dir, "CIFAR-10 directory (cifar-10-batches-bin)");
        Path[] train = new Path[5];
        for (int i = 0; i < 5; i++) {
            train[i] = dir.resolve("data_batch_" + (i + 1) + ".bin");
        }
        return new TrainTest(read(train), read(dir.resolve("test_batch.bin")));
    }
}

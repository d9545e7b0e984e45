package org.ntk4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.NdArrays;

/**
 * Reads and writes numpy {@code .npy} files (format versions 1.0, 2.0 and 3.0 on read;
 * 1.0, or 2.0 when the header needs it, on write), C order, little-endian.
 *
 * <p>Reading accepts {@code <f8}, {@code <f4}, {@code <i4}, {@code <i8}, {@code |u1}
 * ({@code <u1}), {@code |i1} and {@code |b1}; every type is converted to a DOUBLE array.
 * Big-endian data, {@code fortran_order: True}, structured or other dtypes are rejected.
 * Writing produces {@code <f4} for FLOAT arrays and {@code <f8} for everything else.
 *
 * <p>Problems with the file are reported as {@link IllegalArgumentException}s whose message
 * starts with the file name and says what was found and what was expected; failures of the
 * underlying I/O are {@link IOException}s.
 */
public final class Npy {

    /** Bytes moved per bulk conversion; a multiple of every item size. */
    private static final int CHUNK = 1 << 16;
    /** Elements allocated up front when reading a stream of unknown length (8 MB of doubles); grown as data arrives. */
    private static final int INITIAL_ELEMENTS = 1 << 20;

    private Npy() {
    }

    /**
     * Reads a {@code .npy} file into a DOUBLE array of the stored shape (0-d and 1-d included).
     *
     * @throws IllegalArgumentException if the file is not a supported {@code .npy} file
     */
    public static INDArray read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            InputStream in = Channels.newInputStream(channel); // unbuffered: the channel's position is the stream's
            String name = file.toString();
            NpyHeader header = NpyHeader.read(in, name);
            return toArray(header, readData(in, header, name, dataBytes(file, channel)));
        }
    }

    /** The bytes after the header of a regular file (known before reading them), or -1 for other files. */
    private static long dataBytes(Path file, FileChannel channel) throws IOException {
        return Files.isRegularFile(file) ? channel.size() - channel.position() : -1;
    }

    /**
     * Reads one {@code .npy} array from {@code in}, leaving the stream just after its data
     * (the stream is not closed).
     *
     * @param nameForErrors file or entry name put at the start of error messages
     * @throws IllegalArgumentException if the stream does not hold a supported {@code .npy} array
     */
    public static INDArray read(InputStream in, String nameForErrors) throws IOException {
        NpyHeader header = NpyHeader.read(in, nameForErrors);
        return toArray(header, readData(in, header, nameForErrors, -1));
    }

    private static INDArray toArray(NpyHeader header, double[] data) {
        long[] shape = header.shape();
        if (data.length == 0) {
            return Nd4j.create(DataType.DOUBLE, shape);
        }
        if (shape.length == 0) {
            return Nd4j.scalar(data[0]);
        }
        return Nd4j.create(data, shape, 'c');
    }

    /**
     * Reads the values of a {@code .npy} file as a flat C-order {@code double[]}, without going
     * through ND4J (the stored shape is validated but not returned).
     *
     * @throws IllegalArgumentException if the file is not a supported {@code .npy} file
     */
    public static double[] readData(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            InputStream in = Channels.newInputStream(channel);
            String name = file.toString();
            NpyHeader header = NpyHeader.read(in, name);
            return readData(in, header, name, dataBytes(file, channel));
        }
    }

    /**
     * The values of the array, checked against {@code available} data bytes before anything is
     * allocated when that is known (a file); from a stream of unknown length ({@code available < 0},
     * an .npz entry) the array grows with the data that actually arrives, so that a header declaring
     * far more data than there is fails as "truncated" without first allocating what it declares.
     */
    private static double[] readData(InputStream in, NpyHeader header, String name, long available)
            throws IOException {
        NpyDtype dtype = header.dtype();
        int count = header.elementCount();
        long needed = (long) count * dtype.itemSize;
        if (available >= 0 && available < needed) {
            throw truncated(name, header, available);
        }
        double[] values = new double[available >= 0 ? count : Math.min(count, INITIAL_ELEMENTS)];
        byte[] chunk = new byte[CHUNK];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < count; ) {
            int n = Math.min(count - done, CHUNK / dtype.itemSize);
            int bytes = n * dtype.itemSize;
            int got = in.readNBytes(chunk, 0, bytes);
            if (got < bytes) {
                throw truncated(name, header, (long) done * dtype.itemSize + got);
            }
            if (done + n > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(count, Math.max(done + n, 2L * values.length)));
            }
            dtype.decode(buf, values, done, n);
            done += n;
        }
        return values;
    }

    private static IllegalArgumentException truncated(String name, NpyHeader header, long present) {
        return NpyHeader.fail(name, "truncated data: shape " + NpyHeader.format(header.shape()) + " of "
                + header.dtype().descr() + " needs " + (long) header.elementCount() * header.dtype().itemSize
                + " data bytes but only " + present + " are present");
    }

    /**
     * Writes {@code array} as a C-order {@code .npy} file: {@code <f4} if its data type is
     * FLOAT, otherwise {@code <f8} (other types are converted to double).
     */
    public static void write(Path file, INDArray array) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, array);
        }
    }

    /**
     * Writes flat C-order {@code data} with the given {@code shape} as a {@code <f8} {@code .npy} file.
     *
     * @throws IllegalArgumentException if a dimension is negative or the shape does not hold
     *     exactly {@code data.length} elements
     */
    public static void write(Path file, double[] data, long... shape) throws IOException {
        NpyHeader header = f8Header(data, shape, file + ": ");
        try (OutputStream out = Files.newOutputStream(file)) {
            writeF8(out, header, data);
        }
    }

    /**
     * Writes flat C-order {@code data} with the given {@code shape} as one {@code <f8} {@code .npy}
     * image to {@code out}, as {@link #write(Path, double[], long...)} does; the stream is not closed.
     */
    public static void write(OutputStream out, double[] data, long... shape) throws IOException {
        writeF8(out, f8Header(data, shape, ""), data);
    }

    private static NpyHeader f8Header(double[] data, long[] shape, String prefix) {
        NpyHeader.checkShape(shape);
        NpyHeader header = new NpyHeader(NpyDtype.F8, shape.clone());
        if (header.elementCount() != data.length) {
            throw new IllegalArgumentException(prefix + "shape " + NpyHeader.format(shape) + " holds "
                    + header.elementCount() + " elements but " + data.length + " values were given");
        }
        return header;
    }

    /**
     * Writes {@code array} as one {@code .npy} image to {@code out}, as {@link #write(Path, INDArray)}
     * does; the stream is not closed.
     */
    public static void write(OutputStream out, INDArray array) throws IOException {
        long[] shape = array.shape();
        boolean single = array.dataType() == DataType.FLOAT;
        out.write(new NpyHeader(single ? NpyDtype.F4 : NpyDtype.F8, shape).encode());
        if (array.isEmpty()) {
            return;
        }
        // Streamed from the array's own (off-heap) memory in chunks: no heap copy of the whole array.
        INDArray c = NdArrays.contiguous(single || array.dataType() == DataType.DOUBLE ? array : array.castTo(DataType.DOUBLE));
        if (single) {
            FloatIndexer ix = (FloatIndexer) c.data().indexer();
            float[] tmp = new float[CHUNK / 4];
            writeChunks(out, c.length(), 4, (buf, from, n) -> {
                ix.get(from, tmp, 0, n);
                buf.asFloatBuffer().put(tmp, 0, n);
            });
        } else {
            DoubleIndexer ix = (DoubleIndexer) c.data().indexer();
            double[] tmp = new double[CHUNK / 8];
            writeChunks(out, c.length(), 8, (buf, from, n) -> {
                ix.get(from, tmp, 0, n);
                buf.asDoubleBuffer().put(tmp, 0, n);
            });
        }
    }

    private static void writeF8(OutputStream out, NpyHeader header, double[] data) throws IOException {
        out.write(header.encode());
        writeChunks(out, data.length, 8, (buf, from, n) -> buf.asDoubleBuffer().put(data, (int) from, n));
    }

    /** Puts {@code n} elements starting at {@code from} at position 0 of a little-endian buffer. */
    private interface ChunkEncoder {
        void put(ByteBuffer buf, long from, int n);
    }

    private static void writeChunks(OutputStream out, long count, int itemSize, ChunkEncoder encoder)
            throws IOException {
        byte[] chunk = new byte[CHUNK];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (long done = 0; done < count; ) {
            int n = (int) Math.min(count - done, CHUNK / itemSize);
            encoder.put(buf, done, n);
            out.write(chunk, 0, n * itemSize);
            done += n;
        }
    }
}

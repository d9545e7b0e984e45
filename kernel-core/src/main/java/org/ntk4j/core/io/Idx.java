package org.ntk4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ntk4j.core.Ntk4j;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, ...), plain or gzipped (detected by the gzip magic, not the
 * name).
 *
 * <p>Layout, big-endian: magic {@code 00 00 TT DD} (TT the element type: 08 unsigned byte,
 * 09 signed byte, 0B int16, 0C int32, 0D float32, 0E float64; DD the number of dimensions),
 * then DD int32 sizes, then the elements in C order. The result is a DOUBLE array of those sizes:
 * (N, 28, 28) for MNIST images with values 0–255, (N) for labels.
 *
 * <p>Wrong magic, a bad size or a file shorter than its header says are
 * {@link IllegalArgumentException}s naming the file; a missing file is a
 * {@link java.nio.file.NoSuchFileException}.
 */
public final class Idx {
    private Idx() {
    }

    /** Reads an IDX file (optionally gzipped) into a DOUBLE array of the stored sizes. */
    public static INDArray read(Path file) throws IOException {
        try (InputStream in = DataFiles.open(file, "IDX file")) {
            return read(in, file.toString());
        }
    }

    private static INDArray read(InputStream in, String name) throws IOException {
        byte[] magic = new byte[4];
        readFully(in, magic, name, "the 4-byte magic number");
        int type = magic[2] & 0xff;
        int dims = magic[3] & 0xff;
        int itemSize = itemSize(type);
        if (magic[0] != 0 || magic[1] != 0 || itemSize == 0 || dims == 0) {
            throw new IllegalArgumentException(String.format("%s: not an IDX file: magic %02x %02x %02x %02x, expected "
                    + "00 00 TT DD with type TT in 08, 09, 0b, 0c, 0d, 0e and DD ≥ 1 dimensions", name, magic[0],
                    magic[1], magic[2], magic[3]));
        }
        long[] shape = new long[dims];
        long count = 1;
        byte[] sizeBytes = new byte[4 * dims];
        readFully(in, sizeBytes, name, "the " + dims + " dimension sizes");
        for (int d = 0; d < dims; d++) {
            shape[d] = ByteBuffer.wrap(sizeBytes, 4 * d, 4).getInt() & 0xffffffffL;
            count *= shape[d];
        }
        if (count * itemSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + ": IDX sizes " + Arrays.toString(shape) + " are too large");
        }
        byte[] body = new byte[Math.toIntExact(count * itemSize)];
        readFully(in, body, name, "the data of shape " + Arrays.toString(shape));
        double[] values = decode(body, type, Math.toIntExact(count));
        Ntk4j.init();
        return Nd4j.create(values, shape, 'c');
    }

    private static int itemSize(int type) {
        return switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> 0;
        };
    }

    private static double[] decode(byte[] body, int type, int count) {
        double[] out = new double[count];
        ByteBuffer buf = ByteBuffer.wrap(body);
        for (int i = 0; i < count; i++) {
            out[i] = switch (type) {
                case 0x08 -> body[i] & 0xff;
                case 0x09 -> body[i];
                case 0x0B -> buf.getShort();
                case 0x0C -> buf.getInt();
                case 0x0D -> buf.getFloat();
                default -> buf.getDouble();
            };
        }
        return out;
    }

    /** Reads exactly {@code buf.length} bytes or says the file is truncated and where. */
    static void readFully(InputStream in, byte[] buf, String name, String what) throws IOException {
        int done = 0;
        while (done < buf.length) {
            int r = in.read(buf, done, buf.length - done);
            if (r < 0) {
                throw new IllegalArgumentException(name + ": truncated: expected " + buf.length + " bytes for " + what
                        + ", found " + done);
            }
            done += r;
        }
    }
}

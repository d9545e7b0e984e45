package org.ntk4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The header of a {@code .npy} file (numpy format versions 1.0, 2.0, 3.0): magic string
 * {@code \x93NUMPY}, version bytes, little-endian header length (2 bytes in 1.0, 4 bytes
 * otherwise) and a Python dict literal with keys {@code descr}, {@code fortran_order} and
 * {@code shape}, space-padded and ended by {@code '\n'} so that the data starts at a
 * multiple of 64 bytes.
 *
 * @param dtype element type of the data that follows
 * @param shape dimensions, C order; empty for a 0-d array
 */
record NpyHeader(NpyDtype dtype, long[] shape) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    /** Larger headers are refused as corrupt (numpy itself refuses more than 10000 bytes by default). */
    private static final int MAX_HEADER_LEN = 1 << 20;
    /** Largest element count a Java {@code double[]} can hold. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /**
     * Reads and validates a header, leaving {@code in} at the first data byte.
     *
     * @param name file (or zip entry) name used in error messages
     * @throws IllegalArgumentException naming {@code name}, what is wrong and what was expected
     */
    static NpyHeader read(InputStream in, String name) throws IOException {
        byte[] magic = readFully(in, MAGIC.length, name, "magic string");
        if (!Arrays.equals(magic, MAGIC)) {
            throw fail(name, "bad magic string " + hex(magic) + "; expected \\x93NUMPY (is this a .npy file?)");
        }
        byte[] version = readFully(in, 2, name, "version");
        int major = version[0] & 0xFF;
        int minor = version[1] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw fail(name, "unsupported .npy format version " + major + "." + minor
                    + "; expected 1.0, 2.0 or 3.0");
        }
        int lenBytes = major == 1 ? 2 : 4;
        ByteBuffer lenBuf = ByteBuffer.wrap(readFully(in, lenBytes, name, "header length"))
                .order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = major == 1 ? lenBuf.getShort() & 0xFFFF : lenBuf.getInt() & 0xFFFFFFFFL;
        if (headerLen > MAX_HEADER_LEN) {
            throw fail(name, "header length " + headerLen + " exceeds " + MAX_HEADER_LEN + " bytes; file is corrupt");
        }
        Charset charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String text = new String(readFully(in, (int) headerLen, name, "header"), charset);
        try {
            return fromDict(text);
        } catch (IllegalArgumentException e) {
            throw fail(name, e.getMessage());
        }
    }

    private static NpyHeader fromDict(String text) {
        Object parsed;
        try {
            parsed = PyLiteral.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("header does not parse: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> dict) || !dict.keySet().equals(KEYS)) {
            throw new IllegalArgumentException("header does not parse: expected a dict with exactly the keys "
                    + "'descr', 'fortran_order', 'shape' but found \"" + text.strip() + "\"");
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new IllegalArgumentException("unsupported dtype " + dict.get("descr")
                    + " (structured dtypes are not supported); supported: " + NpyDtype.SUPPORTED);
        }
        NpyDtype dtype = NpyDtype.of(descr);
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw new IllegalArgumentException("fortran_order must be True or False but is " + fortran);
        }
        if ((Boolean) fortran) {
            throw new IllegalArgumentException("fortran_order: True is not supported; expected C order "
                    + "(save np.ascontiguousarray(arr))");
        }
        return new NpyHeader(dtype, toShape(dict.get("shape")));
    }

    private static long[] toShape(Object value) {
        if (!(value instanceof List<?> dims)) {
            throw new IllegalArgumentException("malformed shape " + value + "; expected a tuple of integers");
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d)) {
                throw new IllegalArgumentException("malformed shape " + value + "; expected a tuple of integers");
            }
            shape[i] = d;
        }
        checkShape(shape);
        return shape;
    }

    /**
     * Checks that all dimensions are non-negative and that the element count fits a Java array.
     *
     * @throws IllegalArgumentException otherwise
     */
    static void checkShape(long[] shape) {
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d + " in shape " + format(shape)
                        + "; expected dimensions >= 0");
            }
            count = d == 0 || count == 0 ? 0 : count * d;
            if (count > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + format(shape) + " has more than "
                        + MAX_ELEMENTS + " elements, the most a Java array holds");
            }
        }
    }

    /** Number of elements, as an {@code int} (validated to fit). */
    int elementCount() {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        return (int) count;
    }

    /** Header bytes: version 1.0, or 2.0 when the dict does not fit a 2-byte length. */
    byte[] encode() {
        String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': " + format(shape) + ", }";
        int lenBytes = 2;
        int headerLen = paddedLength(MAGIC.length + 2 + lenBytes, dict.length() + 1);
        if (headerLen > 0xFFFF) {
            lenBytes = 4;
            headerLen = paddedLength(MAGIC.length + 2 + lenBytes, dict.length() + 1);
        }
        int total = MAGIC.length + 2 + lenBytes + headerLen;
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) (lenBytes == 2 ? 1 : 2)).put((byte) 0);
        if (lenBytes == 2) {
            out.putShort((short) headerLen);
        } else {
            out.putInt(headerLen);
        }
        out.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (out.position() < total - 1) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        return out.array();
    }

    /** Smallest length >= {@code minLength} that makes {@code prefix + length} a multiple of 64. */
    private static int paddedLength(int prefix, int minLength) {
        return (prefix + minLength + ALIGN - 1) / ALIGN * ALIGN - prefix;
    }

    /** Python repr of a shape tuple: {@code ()}, {@code (5,)}, {@code (3, 4)}. */
    static String format(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    private static byte[] readFully(InputStream in, int n, String name, String what) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw fail(name, "file ends inside the " + what + " (" + bytes.length + " of " + n
                    + " bytes); expected a complete .npy header");
        }
        return bytes;
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("\\x%02x", b & 0xFF));
        }
        return sb.toString();
    }

    static IllegalArgumentException fail(String name, String problem) {
        return new IllegalArgumentException(name + ": " + problem);
    }
}

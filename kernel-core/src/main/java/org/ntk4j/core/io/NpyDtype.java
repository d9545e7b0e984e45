package org.ntk4j.core.io;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The little-endian numpy element types this package reads, each with its {@code descr}
 * strings and a bulk decoder to {@code double}. Only {@link #F8} and {@link #F4} are written.
 */
enum NpyDtype {
    F8(8, "<f8") {
        @Override
        void decode(ByteBuffer src, double[] dst, int offset, int count) {
            src.asDoubleBuffer().get(dst, offset, count);
        }
    },
    F4(4, "<f4") {
        @Override
        void decode(ByteBuffer src, double[] dst, int offset, int count) {
            FloatBuffer in = src.asFloatBuffer();
            for (int i = 0; i < count; i++) {
                dst[offset + i] = in.get(i);
            }
        }
    },
    I4(4, "<i4") {
        @Override
        void decode(ByteBuffer src, double[] dst, int offset, int count) {
            IntBuffer in = src.asIntBuffer();
            for (int i = 0; i < count; i++) {
                dst[offset + i] = in.get(i);
            }
        }
    },
    I8(8, "<i8") {
        @Override
        void decode(ByteBuffer src, double[] dst, int offset, int count) {
            LongBuffer in = src.asLongBuffer();
            for (int i = 0; i < count; i++) {
                dst[offset + i] = in.get(i);
            }
        }
    },
    U1(1, "|u1", "<u1") {
        @Override
        void decode(ByteBuffer src, double[] dst, int offset, int count) {
            for (int i = 0; i < count; i++) {
                dst[offset + i] = src.get(i) & 0xFF;
            }
        }
    },
    I1(1, "|i1", "<i1") {
        @Override
        void decode(ByteBuffer src, double[] dst, int offset, int count) {
            for (int i = 0; i < count; i++) {
                dst[offset + i] = src.get(i);
            }
        }
    },
    B1(1, "|b1", "<b1") {
        @Override
        void decode(ByteBuffer src, double[] dst, int offset, int count) {
            for (int i = 0; i < count; i++) {
                dst[offset + i] = src.get(i) != 0 ? 1.0 : 0.0;
            }
        }
    };

    /** Human-readable list of accepted descriptors, for error messages. */
    static final String SUPPORTED = Arrays.stream(values())
            .flatMap(t -> t.descrs.stream())
            .collect(Collectors.joining(", "));

    final int itemSize;
    private final List<String> descrs;

    NpyDtype(int itemSize, String... descrs) {
        this.itemSize = itemSize;
        this.descrs = List.of(descrs);
    }

    /** The descriptor written to headers, e.g. {@code <f8}. */
    String descr() {
        return descrs.get(0);
    }

    /**
     * Decodes {@code count} elements starting at index 0 of {@code src} (little-endian order,
     * position 0) into {@code dst[offset ..]}.
     */
    abstract void decode(ByteBuffer src, double[] dst, int offset, int count);

    /**
     * Looks up a header {@code descr}.
     *
     * @throws IllegalArgumentException for big-endian or any other unsupported descriptor
     */
    static NpyDtype of(String descr) {
        for (NpyDtype t : values()) {
            if (t.descrs.contains(descr)) {
                return t;
            }
        }
        if (descr.startsWith(">")) {
            throw new IllegalArgumentException("big-endian dtype '" + descr
                    + "' is not supported; expected little-endian (save with arr.astype('<"
                    + descr.substring(1) + "')); supported: " + SUPPORTED);
        }
        throw new IllegalArgumentException("unsupported dtype '" + descr + "'; supported: " + SUPPORTED);
    }
}

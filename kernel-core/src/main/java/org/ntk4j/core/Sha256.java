package org.ntk4j.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, of text (UTF-8) and of batches of inputs. */
final class Sha256 {
    private Sha256() {
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}. */
    static String of(String text) {
        MessageDigest md = digest();
        md.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of the rows' doubles, row after row, each as its 8 little-endian IEEE 754 bytes. */
    static String of(double[][] rows) {
        MessageDigest md = digest();
        for (double[] row : rows) {
            ByteBuffer buf = ByteBuffer.allocate(row.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buf.asDoubleBuffer().put(row);
            md.update(buf);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}

package org.ntk4j.core;

import java.util.Arrays;

/**
 * Shape of one input, without the batch axis: spatial dims and channels, channels last.
 * {@code (D)} vectors have no spatial dims and {@code D} channels; {@code (W, C)} and
 * {@code (H, W, C)} are 1D and 2D images.
 */
public record InputShape(int[] spatial, int channels) {
    public InputShape {
        spatial = spatial.clone();
        if (channels <= 0) {
            throw new IllegalArgumentException("input channel count must be positive, got " + channels);
        }
        for (int d : spatial) {
            if (d <= 0) {
                throw new IllegalArgumentException("input spatial dims must be positive, got " + Arrays.toString(spatial));
            }
        }
    }

    /** From an array shape including the batch axis, e.g. {@code [N, H, W, C]}. */
    public static InputShape ofBatchShape(long[] batchShape) {
        if (batchShape.length < 2) {
            throw new IllegalArgumentException("inputs must be (N, D), (N, W, C) or (N, H, W, C); got shape "
                    + Arrays.toString(batchShape));
        }
        int[] sp = new int[batchShape.length - 2];
        for (int i = 0; i < sp.length; i++) {
            sp[i] = Math.toIntExact(batchShape[i + 1]);
        }
        return new InputShape(sp, Math.toIntExact(batchShape[batchShape.length - 1]));
    }

    @Override
    public int[] spatial() {
        return spatial.clone();
    }

    /** Number of spatial positions P (1 for vectors). */
    public int positions() {
        int p = 1;
        for (int d : spatial) {
            p *= d;
        }
        return p;
    }

    /** Values per input, {@code P·C}. */
    public int size() {
        return positions() * channels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputShape s && Arrays.equals(spatial, s.spatial) && channels == s.channels;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(spatial) * 31 + channels;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int d : spatial) {
            sb.append(d).append(", ");
        }
        return sb.append(channels).append(')').toString();
    }
}

package org.ntk4j.core;

import java.util.Arrays;

/**
 * The static description of a kernel between layers, as neural-tangents' {@code Kernel} metadata:
 * spatial dims, the finite channel count (used by the {@code standard} parameterisation), whether
 * the full P×P spatial covariance or only its diagonal is held, and whether the activations it
 * describes are Gaussian (a nonlinearity needs a Gaussian input).
 *
 * <p>Immutable. {@code source} names the layer that produced it, for error messages.
 */
public final class KernelShape {
    private final int[] spatial;
    private final int channels;
    private final boolean full;
    private final boolean gaussian;
    private final String source;

    public KernelShape(int[] spatial, int channels, boolean full, boolean gaussian, String source) {
        this.spatial = spatial.clone();
        this.channels = channels;
        this.full = full && positionsOf(spatial) > 1;
        this.gaussian = gaussian;
        this.source = source;
    }

    /** The shape of the input covariance of inputs with these spatial dims and channels. */
    public static KernelShape input(InputShape in) {
        return new KernelShape(in.spatial(), in.channels(), false, false, "the input");
    }

    public int[] spatial() {
        return spatial.clone();
    }

    /** Length of spatial axis {@code i}. */
    public int dim(int i) {
        return spatial[i];
    }

    /** Number of spatial axes (0 for vectors). */
    public int rank() {
        return spatial.length;
    }

    /** Number of spatial positions {@code P} (1 for vectors). */
    public int positions() {
        return positionsOf(spatial);
    }

    private static int positionsOf(int[] dims) {
        int p = 1;
        for (int d : dims) {
            p *= d;
        }
        return p;
    }

    /** Entries of one pair's buffer: {@code P²} in full storage, {@code P} in diagonal storage. */
    /**
     * Entries in this storage: {@code P²} in full storage, {@code P} in diagonal storage.
     *
     * @throws IllegalArgumentException when {@code P²} exceeds what one Java array holds (pooling
     *     over more than 46,340 positions)
     */
    public int length() {
        int p = positions();
        if (!full) {
            return p;
        }
        long length = (long) p * p;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the full spatial covariance of " + p + " positions has " + length
                    + " entries per pair, more than one Java array holds; pooling (GlobalAvgPool, AvgPool) needs it: "
                    + "use smaller inputs (downsample, or space-to-depth) or a Flatten readout");
        }
        return (int) length;
    }

    public int channels() {
        return channels;
    }

    public boolean full() {
        return full;
    }

    public boolean gaussian() {
        return gaussian;
    }

    public String source() {
        return source;
    }

    public KernelShape withSpatial(int[] newSpatial) {
        return new KernelShape(newSpatial, channels, full, gaussian, source);
    }

    public KernelShape withChannels(int newChannels) {
        return new KernelShape(spatial, newChannels, full, gaussian, source);
    }

    /** The same shape in full ({@code true}) or diagonal storage; with one position the two are the same, kept as diagonal. */
    public KernelShape withFull(boolean newFull) {
        return new KernelShape(spatial, channels, newFull && positions() > 1, gaussian, source);
    }

    /** The same shape, produced by {@code layer}, Gaussian or not. */
    public KernelShape producedBy(String layer, boolean isGaussian) {
        return new KernelShape(spatial, channels, full, isGaussian, layer);
    }

    /** Activation shape as neural-tangents prints it, e.g. {@code (N, 8, 8, 3)}. */
    public String activationShape() {
        StringBuilder sb = new StringBuilder("(N");
        for (int d : spatial) {
            sb.append(", ").append(d);
        }
        return sb.append(", ").append(channels).append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelShape s && Arrays.equals(spatial, s.spatial) && channels == s.channels
                && full == s.full && gaussian == s.gaussian;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(spatial) * 31 + channels;
    }

    @Override
    public String toString() {
        return activationShape() + (full ? " full" : " diagonal") + (gaussian ? " gaussian" : "");
    }
}

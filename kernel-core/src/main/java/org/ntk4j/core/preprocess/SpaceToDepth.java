package org.ntk4j.core.preprocess;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Space-to-depth, channels-last (TensorFlow's {@code tf.nn.space_to_depth} order): each b × b
 * block of pixels becomes one pixel with b²·C channels,
 * <pre>  out[n, i, j, (di·b + dj)·C + c] = in[n, i·b + di, j·b + dj, c]  </pre>
 * so (N, H, W, C) becomes (N, H/b, W/b, b²·C); e.g. Fashion-MNIST (N, 28, 28, 1) with b = 2
 * becomes (N, 14, 14, 4). H and W must be multiples of b.
 */
public final class SpaceToDepth {
    private SpaceToDepth() {
    }

    /** Rearranges {@code x} (N, H, W, C) into (N, H/b, W/b, b²·C). */
    public static INDArray apply(INDArray x, int block) {
        if (block < 1) {
            throw new IllegalArgumentException("block size must be at least 1, got " + block);
        }
        Features f = Features.of(x, "images");
        long[] s = f.shape();
        if (s.length != 4 || s[1] % block != 0 || s[2] % block != 0) {
            throw new IllegalArgumentException("space-to-depth needs images (N, H, W, C) with H and W multiples of "
                    + block + ", got " + Arrays.toString(s));
        }
        int n = (int) s[0], h = (int) s[1], w = (int) s[2], c = (int) s[3];
        int oh = h / block, ow = w / block, oc = block * block * c;
        double[] in = f.data();
        double[] out = new double[in.length];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    int src = ((b * h + y) * w + xx) * c;
                    int channel = ((y % block) * block + xx % block) * c;
                    int dst = ((b * oh + y / block) * ow + xx / block) * oc + channel;
                    System.arraycopy(in, src, out, dst, c);
                }
            }
        }
        return new Features(out, new long[] {n, oh, ow, oc}).toNd4j();
    }
}

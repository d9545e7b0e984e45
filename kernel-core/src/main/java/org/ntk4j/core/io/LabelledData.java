package org.ntk4j.core.io;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Inputs and their integer class labels: {@code x} (N, ...) channels-last, {@code labels} (N)
 * as doubles holding class indices.
 */
public record LabelledData(INDArray x, INDArray labels) {
    public LabelledData {
        if (x == null || labels == null) {
            throw new IllegalArgumentException(x == null ? "inputs x are null" : "labels are null");
        }
        if (labels.rank() != 1 || x.rank() == 0 || x.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("labels " + Arrays.toString(labels.shape()) + " must be (N) with N = "
                    + (x.rank() == 0 ? "?" : x.size(0)) + " the inputs' first axis, inputs " + Arrays.toString(x.shape()));
        }
    }

    /** Number of examples N. */
    public int size() {
        return Math.toIntExact(labels.length());
    }

    /** The first {@code n} examples (copies), for n ≤ N. */
    public LabelledData first(int n) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException("asked for the first " + n + " examples of " + size());
        }
        return new LabelledData(x.get(NDArrayIndex.interval(0, n)).dup(), labels.get(NDArrayIndex.interval(0, n)).dup());
    }

    @Override
    public String toString() {
        return "LabelledData[x " + Arrays.toString(x.shape()) + ", labels " + Arrays.toString(labels.shape()) + "]";
    }
}

package org.ntk4j.core.io;

/** A data set's training and test splits. */
public record TrainTest(LabelledData train, LabelledData test) {
    @Override
    public String toString() {
        return "TrainTest[train " + train + ", test " + test + "]";
    }
}

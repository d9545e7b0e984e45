package org.ntk4j.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loads Fashion-MNIST (or MNIST: same files) from a directory holding
 * {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz} (the {@code .gz} may be
 * absent for plain files). Images come out channels-last, (N, 28, 28, 1), with raw values 0–255;
 * labels (N) are class indices 0–9.
 *
 * <p>{@link #load()} picks the directory with {@link #defaultDirectory()}:
 * <ol>
 *   <li>{@value #SYSTEM_DIRECTORY}, where Debian's {@code dataset-fashion-mnist} package puts the
 *       full 60,000 / 10,000 set, when it holds the four files;
 *   <li>otherwise the subset shipped in the repository (2,000 train + 1,000 test), found as
 *       {@code fashion-mnist/} under the directory named by the system property
 *       {@value #DATA_PROPERTY}, or else as {@code examples/data/fashion-mnist/} in the working
 *       directory or one of its parents.
 * </ol>
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} installs the full data set. */
    public static final String SYSTEM_DIRECTORY = "/usr/share/datasets/fashion-mnist";
    /** System property naming the data directory that holds {@code fashion-mnist/}. */
    public static final String DATA_PROPERTY = "ntk4j.data";
    private static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private FashionMnist() {
    }

    /** Loads from {@link #defaultDirectory()}. */
    public static TrainTest load() throws IOException {
        return load(defaultDirectory());
    }

    /**
     * Loads the four files of {@code dir}.
     *
     * @throws NoSuchFileException if the directory or one of the files is missing
     * @throws IllegalArgumentException if a file is truncated, not IDX, or images and labels disagree
     */
    public static TrainTest load(Path dir) throws IOException {
        DataFiles.requireDirectory(dir, "Fashion-MNIST directory");
        return new TrainTest(split(dir, FILES[0], FILES[1]), split(dir, FILES[2], FILES[3]));
    }

    private static LabelledData split(Path dir, String images, String labels) throws IOException {
        INDArray x = Idx.read(file(dir, images));
        INDArray y = Idx.read(file(dir, labels));
        if (x.rank() != 3 || y.rank() != 1 || x.size(0) != y.size(0)) {
            throw new IllegalArgumentException(dir + ": " + images + " " + java.util.Arrays.toString(x.shape())
                    + " and " + labels + " " + java.util.Arrays.toString(y.shape())
                    + " must be (N, H, W) images and (N) labels with the same N");
        }
        return new LabelledData(x.reshape(x.size(0), x.size(1), x.size(2), 1), y);
    }

    /** {@code dir/name.gz}, or {@code dir/name} when only the plain file exists. */
    private static Path file(Path dir, String name) throws NoSuchFileException {
        Path gz = dir.resolve(name + ".gz");
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(gz) || !Files.isRegularFile(plain)) {
            DataFiles.requireFile(gz, "Fashion-MNIST file (" + name + ".gz or " + name + ")");
            return gz;
        }
        return plain;
    }

    /**
     * The directory {@link #load()} reads: the system-wide full set if complete, else the shipped
     * subset (see the class comment).
     *
     * @throws NoSuchFileException listing the places tried when none holds the files
     */
    public static Path defaultDirectory() throws NoSuchFileException {
        return defaultDirectory(Path.of(SYSTEM_DIRECTORY), System.getProperty(DATA_PROPERTY),
                Path.of(System.getProperty("user.dir")));
    }

    static Path defaultDirectory(Path systemDir, String dataProperty, Path workingDir) throws NoSuchFileException {
        List<Path> tried = new ArrayList<>();
        tried.add(systemDir);
        if (dataProperty != null && !dataProperty.isBlank()) {
            tried.add(Path.of(dataProperty).resolve("fashion-mnist"));
        }
        for (Path d = workingDir.toAbsolutePath(); d != null; d = d.getParent()) {
            tried.add(d.resolve("examples/data/fashion-mnist"));
        }
        for (Path candidate : tried) {
            if (complete(candidate)) {
                return candidate;
            }
        }
        throw new NoSuchFileException(tried.get(0).toString(), null, "no Fashion-MNIST data found; tried " + tried
                + " (install Debian's dataset-fashion-mnist, or set -D" + DATA_PROPERTY
                + "=<repository>/examples/data)");
    }

    private static boolean complete(Path dir) {
        for (String name : FILES) {
            if (!Files.isRegularFile(dir.resolve(name + ".gz")) && !Files.isRegularFile(dir.resolve(name))) {
                return false;
            }
        }
        return true;
    }
}

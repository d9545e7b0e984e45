package org.ntk4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class FashionMnistTest {
    @TempDir
    Path dir;

    private static Path shipped() throws NoSuchFileException {
        return FashionMnist.defaultDirectory(Path.of("/nonexistent/fashion-mnist"), null, Path.of("").toAbsolutePath());
    }

    @Test
    void shippedSubsetIsFoundFromTheWorkingDirectoryAndHasTheDocumentedShapes() throws IOException {
        Path subset = shipped();
        assertTrue(subset.endsWith(Path.of("examples/data/fashion-mnist")), subset.toString());
        TrainTest data = FashionMnist.load(subset);
        assertArrayEquals(new long[] {2000, 28, 28, 1}, data.train().x().shape());
        assertArrayEquals(new long[] {1000, 28, 28, 1}, data.test().x().shape());
        assertArrayEquals(new long[] {2000}, data.train().labels().shape());
        for (LabelledData split : new LabelledData[] {data.train(), data.test()}) {
            INDArray y = split.labels();
            assertEquals(0.0, y.minNumber().doubleValue());
            assertEquals(9.0, y.maxNumber().doubleValue());
            assertEquals(0.0, split.x().minNumber().doubleValue());
            assertEquals(255.0, split.x().maxNumber().doubleValue());
        }
        // first training image of Fashion-MNIST is an ankle boot (9), first test image too
        assertEquals(9.0, data.train().labels().getDouble(0));
        assertEquals(9.0, data.test().labels().getDouble(0));
    }

    @Test
    void systemDirectoryIsPreferredAndThePropertyComesNext() throws IOException {
        Path system = Files.createDirectories(dir.resolve("system"));
        Path data = Files.createDirectories(dir.resolve("data/fashion-mnist"));
        for (Path d : new Path[] {system, data}) {
            for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                    "t10k-labels-idx1-ubyte"}) {
                Files.write(d.resolve(f + ".gz"), new byte[0]);
            }
        }
        assertEquals(system, FashionMnist.defaultDirectory(system, dir.resolve("data").toString(), dir));
        assertEquals(data, FashionMnist.defaultDirectory(dir.resolve("absent"), dir.resolve("data").toString(), dir));
    }

    @Test
    void missingDataSaysWhereItLooked() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> FashionMnist.defaultDirectory(dir.resolve("sys"), null, dir));
        assertTrue(e.getMessage().contains("no Fashion-MNIST data found") && e.getMessage().contains("ntk4j.data"),
                e.getMessage());
        e = assertThrows(NoSuchFileException.class, () -> FashionMnist.load(dir.resolve("none")));
        assertTrue(e.getMessage().contains("Fashion-MNIST directory not found"), e.getMessage());
        e = assertThrows(NoSuchFileException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
    }

    @Test
    void plainFilesAndMismatchedCountsAreHandled() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxTest.idx(8, new int[] {2, 2, 2}, new byte[8]));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxTest.idx(8, new int[] {2}, new byte[] {1, 2}));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxTest.idx(8, new int[] {1, 2, 2}, new byte[4]));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxTest.idx(8, new int[] {2}, new byte[] {1, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("same N"), e.getMessage());
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxTest.idx(8, new int[] {1}, new byte[] {3}));
        TrainTest tt = FashionMnist.load(dir);
        assertArrayEquals(new long[] {1, 2, 2, 1}, tt.test().x().shape());
        assertEquals(1, tt.train().first(1).size());
    }
}

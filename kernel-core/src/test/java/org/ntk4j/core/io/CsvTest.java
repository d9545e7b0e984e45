package org.ntk4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class CsvTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("d.csv"), text);
    }

    @Test
    void headerIsDetectedAndSkipped() throws IOException {
        INDArray a = Csv.read(write("x,y\n1, 2.5\n-3e2,nan\n\n"));
        assertArrayEquals(new long[] {2, 2}, a.shape());
        assertEquals(-300.0, a.getDouble(1, 0));
        assertTrue(Double.isNaN(a.getDouble(1, 1)));
    }

    @Test
    void numericFirstLineIsData() throws IOException {
        assertArrayEquals(new double[] {1, 2, 3}, Csv.read(write("1,2,3\n")).toDoubleVector());
    }

    @Test
    void declaredHeaderIsSkippedEvenIfNumeric() throws IOException {
        INDArray a = Csv.read(write("0,1\n5,6\n"), true);
        assertArrayEquals(new long[] {1, 2}, a.shape());
    }

    @Test
    void gzippedCsvIsRead() throws IOException {
        Path f = Files.write(dir.resolve("d.csv.gz"), IdxTest.gzip("a\n1\n2\n".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(new double[] {1, 2}, Csv.read(f).toDoubleVector());
    }

    @Test
    void raggedRowsNonNumbersAndEmptyFilesAreRejected() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.read(write("1,2\n3\n")));
        assertTrue(e.getMessage().contains("line 2 has 1 fields, expected 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Csv.read(write("h\n1,x\n")));
        assertTrue(e.getMessage().contains("line 2 has 2 fields, expected 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Csv.read(write("a,b\n1,2\n3,oops\n")));
        assertTrue(e.getMessage().contains("line 3, column 2: 'oops' is not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Csv.read(write("a,b\n")));
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Csv.read(write("a,b\n1,2\n"), false));
        assertTrue(e.getMessage().contains("line 1, column 1: 'a'"), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> Csv.read(dir.resolve("missing.csv")));
    }
}

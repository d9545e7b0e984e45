package org.ntk4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.CompiledKernel;
import org.ntk4j.core.InputShape;
import org.ntk4j.core.Inputs;
import org.ntk4j.core.NdArrays;
import org.ntk4j.core.io.Npy;
import org.ntk4j.core.io.Npz;
import org.ntk4j.layers.Layer;
import org.ntk4j.layers.spec.NetworkSpec;

/**
 * File access shared by the commands: reads and writes whose I/O failures become one-line
 * {@link CliException}s naming the option and the file, checks of output paths made before any
 * long computation, and the reading of network specs and input arrays with errors that name them.
 */
final class CliFiles {
    private CliFiles() {
    }

    /** An I/O call that returns a value. */
    interface IoCall<T> {
        T call() throws IOException;
    }

    /** An I/O action without a result. */
    interface IoAction {
        void run() throws IOException;
    }

    /** Runs a read, turning I/O failures into one-line errors naming the option and the file. */
    static <T> T read(String option, Path file, IoCall<T> call) {
        try {
            return call.call();
        } catch (NoSuchFileException e) {
            throw new CliException(option + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliException(option + " " + file + ": permission denied");
        } catch (IOException e) {
            throw new CliException(option + " " + file + ": cannot read (" + Main.oneLine(String.valueOf(e.getMessage()))
                    + ")", e);
        }
    }

    /** Runs a write, turning I/O failures into one-line errors naming the option and the file. */
    static void write(String option, Path file, IoAction action) {
        try {
            action.run();
        } catch (AccessDeniedException e) {
            throw new CliException(option + " " + file + ": permission denied");
        } catch (FileAlreadyExistsException e) {
            throw new CliException(option + " " + file + ": " + e.getFile() + " exists and is not a directory");
        } catch (IOException e) {
            throw new CliException(option + " " + file + ": cannot write (" + Main.oneLine(String.valueOf(e.getMessage()))
                    + ")", e);
        }
    }

    /**
     * Writes an .npz archive to {@code file}, the value of {@code --out}; refuses (leaving the file as
     * it was) when an array holds NaN or an infinity, so that no output file ever does.
     */
    static void write(Path file, Map<String, INDArray> arrays) {
        write(file, arrays, false);
    }

    /** {@link #write(Path, Map)}, DEFLATE-compressed when {@code compress} (stored otherwise, as numpy.savez). */
    static void write(Path file, Map<String, INDArray> arrays, boolean compress) {
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            INDArray a = e.getValue();
            if (!NdArrays.allFinite(a)) {
                throw new CliException("the result '" + e.getKey() + "' " + Arrays.toString(a.shape())
                        + " is not finite (NaN or infinite entries), so --out " + file + " was not written; "
                        + "rescale the inputs (or the targets), or use float64");
            }
        }
        write("--out", file, () -> Npz.write(file, arrays, compress));
    }

    /**
     * Requires {@code file} to be writable as a file: its directory exists and it is not itself a
     * directory (checked before the computation, so that a typo does not waste it).
     *
     * @param example a file name to suggest, e.g. {@code k.npz}
     */
    static void requireOutputFile(String option, Path file, String example) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new CliException(option + " " + file + ": directory " + dir + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new CliException(option + " " + file + " is a directory; give a file name such as " + example);
        }
    }

    /** The names a Gram checkpoint writes in its directory: the manifest, tiles and their temporary files. */
    private static final Pattern CHECKPOINT_FILE = Pattern.compile("manifest\\.json|(nngp|ntk)-\\d+-\\d+\\.npy|\\..*\\.tmp");

    /**
     * Refuses an empty path ({@code --out ""} would name the working directory).
     *
     * @param what what to give instead, e.g. {@code "a file name such as k.npz"}
     */
    static void requireNonEmpty(String option, Path path, String what) {
        if (path != null && path.toString().isBlank()) {
            throw new CliException(option + " is empty; give " + what);
        }
    }

    /**
     * Refuses, before any work, an output ({@code --out FILE} or {@code --checkpoint DIR}) that would
     * overwrite an input: the output resolves to one of {@code inputs} (the same path, or the same
     * file through a link), or, for a checkpoint directory, an input is a file the checkpoint writes
     * in it ({@code manifest.json}, a tile).
     *
     * @param inputs option name to input path, in the order to check (null paths are skipped)
     */
    static void requireNotAnInput(String option, Path output, boolean directory, Map<String, Path> inputs) {
        if (output == null) {
            return;
        }
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            Path input = in.getValue();
            if (input == null) {
                continue;
            }
            if (sameFile(output, input)) {
                throw new CliException(option + " " + output + " is the " + in.getKey() + " input " + input
                        + "; writing it would destroy the input: give another " + (directory ? "directory" : "file"));
            }
            if (directory && checkpointOwns(output, input)) {
                throw new CliException(option + " " + output + " holds the " + in.getKey() + " input " + input
                        + ", a file the checkpoint writes; give another directory");
            }
        }
    }

    /** Whether two paths name the same file: the same normalised absolute path, or the same existing file. */
    static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Whether {@code file} is a file that a Gram checkpoint in {@code dir} writes (manifest, tile, temporary file). */
    static boolean checkpointOwns(Path dir, Path file) {
        Path name = file.getFileName();
        return name != null && CHECKPOINT_FILE.matcher(name.toString()).matches() && sameFile(dir, parent(file));
    }

    private static Path parent(Path p) {
        Path parent = p.toAbsolutePath().normalize().getParent();
        return parent == null ? p.toAbsolutePath() : parent;
    }

    /** Requires {@code dir} to be a directory or not to exist yet (it is then created on writing). */
    static void requireOutputDirectory(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliException(option + " " + dir + " exists and is not a directory");
        }
    }

    /** The network of the spec file given as {@code --spec}. */
    static Layer network(Path spec) {
        return read("--spec", spec, () -> NetworkSpec.read(spec));
    }

    /** An .npy array given as {@code option}. */
    static INDArray array(String option, Path file) {
        return read(option, file, () -> Npy.read(file));
    }

    /** The per-input shape of a batch of inputs given as {@code option file}, checked. */
    static InputShape inputs(String option, Path file, INDArray x) {
        return Inputs.shapeOf(x, option + " " + file);
    }

    /**
     * Requires a second batch of inputs to have the per-input shape of the first.
     *
     * @return that shape
     */
    static InputShape sameInputs(String option1, Path file1, INDArray x1, String option2, Path file2, INDArray x2) {
        InputShape s1 = inputs(option1, file1, x1);
        InputShape s2 = inputs(option2, file2, x2);
        if (!s1.equals(s2)) {
            throw new CliException(option2 + " " + file2 + " " + Arrays.toString(x2.shape()) + " must have the same "
                    + "per-input shape as " + option1 + " " + file1 + " " + Arrays.toString(x1.shape()));
        }
        return s1;
    }

    /** Compiles {@code network} for inputs of {@code shape}, so that shape errors name the spec file. */
    static CompiledKernel compile(Layer network, Path spec, InputShape shape) {
        try {
            return network.compile(shape);
        } catch (IllegalArgumentException e) {
            throw new CliException(spec + ": " + e.getMessage(), e);
        }
    }
}

package org.ntk4j.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the float32 twins of the double-precision array loops, as EJML generates its FDRM classes
 * from DDRM: {@code double} becomes {@code float}, {@code DoubleVector} {@code FloatVector}, decimal
 * literals get an {@code f}, and class names and a few accessors are renamed. Lines between
 * {@code // double only {} and {@code // } double only} are left out. The generated files are
 * committed; {@link Float32SourcesTest} fails when one is out of date. Regenerate by running
 * {@link #main} with the {@code kernel-core} directory as working directory.
 */
final class Float32Sources {
    static final Path DIR = Path.of("src/main/java/org/ntk4j/core");

    /** Source class → generated class. */
    static final Map<String, String> CLASSES = Map.of("VectorStencil", "FloatStencil", "SpatialOps", "FloatSpatialOps",
            "DoubleKernelState", "FloatKernelState", "AbReluRows", "FloatAbReluRows",
            "VectorActivations", "FloatVectorActivations", "ArcTan", "FloatArcTan");

    /** The kernel state's typed accessors, as the float32 classes call them. */
    private static final String[][] STATE_ACCESSORS = {
        {"\\bk\\.nngp\\(\\)", "k.nngp32()"},
        {"\\bk\\.ntk\\(\\)", "k.ntk32()"},
        {"\\bk\\.cov1\\(\\)", "k.cov1f()"},
        {"\\bk\\.cov2\\(\\)", "k.cov2f()"},
        {"\\bk\\.productsInRange\\(", "k.productsInRange32("},
    };

    /** The arc-cosine classes refer to each other: each name becomes its float32 twin's. */
    private static final String[][] ARC_COSINE = {
        {"\\bAbReluRows\\b", "FloatAbReluRows"},
        {"\\bVectorActivations\\b", "FloatVectorActivations"},
        {"\\bArcTan\\b", "FloatArcTan"},
    };

    /** Renames that apply to one source only (the typed accessors and class names). */
    private static final Map<String, String[][]> CLASS_RENAMES = Map.of(
            "DoubleKernelState", new String[][] {
                {"\\bDoubleKernelState\\b", "FloatKernelState"},
                {"\\bFLOAT64\\b", "FLOAT32"},
                {"\\bnngp\\(\\)", "nngp32()"},
                {"\\bntk\\(\\)", "ntk32()"},
                {"\\bscratch\\(int i\\)", "scratch32(int i)"},
                {"\\bproductsInRange\\(int offset", "productsInRange32(int offset"},
                {"\\bcov1\\(\\)", "cov1f()"},
                {"\\bcov2\\(\\)", "cov2f()"},
            },
            "AbReluRows", concat(ARC_COSINE, STATE_ACCESSORS),
            "VectorActivations", concat(ARC_COSINE, STATE_ACCESSORS),
            "ArcTan", ARC_COSINE);

    private static String[][] concat(String[][] a, String[][] b) {
        String[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static final Pattern DECIMAL = Pattern.compile("(?<![\\w.])(\\d+\\.\\d+)(?![\\w.])");
    private static final String[][] RENAMES = {
        {"\\bDoubleVector\\b", "FloatVector"},
        {"\\bDouble\\b", "Float"},
        {"\\bdouble\\b", "float"},
        {"\\bVectorStencil\\b", "FloatStencil"},
        {"\\bSpatialOps\\b", "FloatSpatialOps"},
        {"\\bk\\.scratch\\(", "k.scratch32("},
        {"\\bax\\.weight\\b", "ax.weight32"},
    };

    private Float32Sources() {
    }

    /** The float32 twin of a double-precision source file. */
    static String translate(String source, String from) {
        List<String> out = new ArrayList<>();
        boolean skipping = false;
        boolean floatOnly = false;
        boolean headerDone = false;
        String[][] classRenames = CLASS_RENAMES.getOrDefault(from, new String[0][]);
        for (String line : source.split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.equals("// double only {")) {
                skipping = true;
                continue;
            }
            if (trimmed.equals("// } double only")) {
                skipping = false;
                continue;
            }
            if (skipping) {
                continue;
            }
            if (trimmed.equals("/* float only {")) {
                floatOnly = true;
                continue;
            }
            if (trimmed.equals("} float only */")) {
                floatOnly = false;
                continue;
            }
            if (floatOnly) {
                // Float-only code is written as it must read in the twin; "*\/" ends its comments.
                out.add(line.replace("*\\/", "*/"));
                continue;
            }
            if (line.endsWith(" // as is")) {
                // A signature shared with the abstract state keeps its double types.
                String t = line.substring(0, line.length() - " // as is".length());
                for (String[] r : classRenames) {
                    t = t.replaceAll(r[0], r[1]);
                }
                out.add(t);
                continue;
            }
            String t = line;
            for (String[] r : classRenames) {
                t = t.replaceAll(r[0], r[1]);
            }
            for (String[] r : RENAMES) {
                t = t.replaceAll(r[0], r[1]);
            }
            Matcher m = DECIMAL.matcher(t);
            t = m.replaceAll("$1f");
            out.add(t);
            if (!headerDone && t.startsWith("package ")) {
                out.add("");
                out.add("// Generated from " + from + ".java by Float32Sources (kernel-core tests); do not edit.");
                headerDone = true;
            }
        }
        return String.join("\n", out);
    }

    static String read(String cls) throws IOException {
        return Files.readString(DIR.resolve(cls + ".java"), StandardCharsets.UTF_8);
    }

    /** Rewrites every generated file from its source. */
    public static void main(String[] args) throws IOException {
        for (Map.Entry<String, String> e : CLASSES.entrySet()) {
            Files.writeString(DIR.resolve(e.getValue() + ".java"), translate(read(e.getKey()), e.getKey()),
                    StandardCharsets.UTF_8);
        }
    }
}

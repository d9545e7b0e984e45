package org.ntk4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed float32 twins are what {@link Float32Sources} generates from today's double sources. */
class Float32SourcesTest {

    @Test
    void generatedFloat32SourcesAreUpToDate() throws IOException {
        for (Map.Entry<String, String> e : Float32Sources.CLASSES.entrySet()) {
            assertEquals(Float32Sources.translate(Float32Sources.read(e.getKey()), e.getKey()),
                    Float32Sources.read(e.getValue()),
                    e.getValue() + ".java is out of date: run Float32Sources.main from kernel-core");
        }
    }

    @Test
    void translationRenamesTypesAndLiterals() {
        String src = "package p;\nfinal double w = 1.0 / f; DoubleVector v; VectorSpecies<Double> s; x = 10.25 + 1e-3;\n"
                + "// double only {\nskipped\n// } double only\nSpatialOps.mean(k.scratch(0));";
        String expected = "package p;\n\n// Generated from X.java by Float32Sources (kernel-core tests); do not edit.\n"
                + "final float w = 1.0f / f; FloatVector v; VectorSpecies<Float> s; x = 10.25f + 1e-3;\n"
                + "FloatSpatialOps.mean(k.scratch32(0));";
        assertEquals(expected, Float32Sources.translate(src, "X"));
    }
}

package org.ntk4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.layers.Layers.*;
import static org.ntk4j.testkit.KernelAsserts.assertClose;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ntk4j.core.ElementwiseKernel;
import org.ntk4j.core.Gram;
import org.ntk4j.core.Kernel;
import org.ntk4j.core.Precision;
import org.ntk4j.testkit.Seeded;

/** User nonlinearities from lambdas: numerical K̇ against exact ones, Gram builds with checkpoints, float32, bad input. */
class CustomElementwiseTest {
    @TempDir
    Path dir;

    /** A user layer with Erf's φ and F (arc-sine form written out), K̇ numerical or given. */
    private static CustomElementwise userErf(String name, boolean exactKdot) {
        Erf erf = erf();
        EntryFunction f = (q12, q11, q22) -> 2 / Math.PI
                * Math.asin(Math.max(-1, Math.min(1, 2 * q12 / Math.sqrt((1 + 2 * q11) * (1 + 2 * q22)))));
        EntryFunction k = (q12, q11, q22) -> 4 / Math.PI / Math.sqrt((1 + 2 * q11) * (1 + 2 * q22) - 4 * q12 * q12);
        return exactKdot ? elementwise(name, erf::phi, erf::derivative, f, k) : elementwise(name, erf::phi, erf::derivative, f);
    }

    /** Worst |numerical K̇ − exact K̇| / |exact K̇| over the cases, F taken from {@code layer.entry}. */
    private static double relativeKdotError(Elementwise layer, double[][] cases) {
        ElementwiseKernel.Entry e = new ElementwiseKernel.Entry();
        EntryFunction f = (q12, q11, q22) -> {
            ElementwiseKernel.Entry x = new ElementwiseKernel.Entry();
            layer.entry(q12, q11, q22, x);
            return x.nngp;
        };
        CustomElementwise user = elementwise("numerical " + layer, layer::phi, layer::derivative, f);
        ElementwiseKernel.Entry u = new ElementwiseKernel.Entry();
        double worst = 0;
        for (double[] c : cases) {
            layer.entry(c[0], c[1], c[2], e);
            user.entry(c[0], c[1], c[2], u);
            assertEquals(e.nngp, u.nngp, 0.0);
            worst = Math.max(worst, Math.abs(u.kdot - e.kdot) / Math.abs(e.kdot));
        }
        return worst;
    }

    @Test
    void numericalKdotMatchesGeluAndErfIncludingRhoPlusMinusOne() {
        double[][] cases = ZooClosedFormsTest.cases(11, 80, 3.0); // the first cases are ρ = ±1, ±0.999999, 0
        double[][] tiny = {{0, 0, 0.8}, {0, 1.3, 0}, {0, 0, 0}, {1e-6, 1e-6, 1e-6}, {-1e-6, 1e-6, 1e-6}};
        for (Elementwise layer : new Elementwise[] {gelu(), erf(), erf(1.3, 0.7, 0.2)}) {
            double err = relativeKdotError(layer, cases);
            double degenerate = relativeKdotError(layer, tiny);
            System.out.printf("numerical K̇ of %-28s relative error %.1e (zero variances: %.1e)%n", layer, err, degenerate);
            assertTrue(err <= 1e-7, layer + ": " + err);
            assertTrue(degenerate <= 1e-6, layer + " at zero variances: " + degenerate);
        }
        // F is never evaluated outside |ρ| ≤ 1: a function that refuses it still gets K̇ at ρ = ±1.
        EntryFunction strict = (q12, q11, q22) -> {
            if (Math.abs(q12) > Math.sqrt(q11 * q22)) {
                throw new AssertionError("F evaluated at |ρ| > 1: " + q12 + ", " + q11 + ", " + q22);
            }
            return q12 * q12;
        };
        ElementwiseKernel.Entry e = new ElementwiseKernel.Entry();
        for (double rho : new double[] {1, -1, 0.9995, -0.9995}) {
            elementwise("square", x -> x, x -> 1, strict).entry(rho * Math.sqrt(0.6), 0.3, 2.0, e);
            assertEquals(2 * rho * Math.sqrt(0.6), e.kdot, 1e-10);
        }
    }

    @Test
    void userLayerInACheckpointedGramBuildAndInFloat32() {
        INDArray x1 = Seeded.gaussian(21, 6, 5);
        INDArray x2 = Seeded.gaussian(22, 4, 5);
        Layer reference = serial(dense(8, 1.4, 0.1), erf(), dense(1, 1.2, 0.05));
        Layer user = serial(dense(8, 1.4, 0.1), userErf("erf-arcsine", false), dense(1, 1.2, 0.05));
        Kernel expected = reference.kernel(x1, x2);
        Kernel k = Gram.of(user).tileSize(2).threads(2).checkpoint(dir).compute(x1, x2);
        assertClose(expected.nngp(), k.nngp(), 1e-13, "nngp");
        assertClose(expected.ntk(), k.ntk(), 1e-9, "ntk (numerical K̇)");
        // Resuming from the finished checkpoint gives the same numbers; another user layer is refused.
        Kernel again = Gram.of(user).tileSize(2).checkpoint(dir).compute(x1, x2);
        assertArrayEquals(k.ntk().data().asDouble(), again.ntk().data().asDouble(), 0.0);
        Layer other = serial(dense(8, 1.4, 0.1), userErf("erf-arcsine", true), dense(1, 1.2, 0.05));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gram.of(other).tileSize(2).checkpoint(dir).compute(x1, x2));
        assertTrue(e.getMessage().contains("fingerprint"), e.getMessage());
        assertEquals("Elementwise(name=erf-arcsine, kdot=numerical)", userErf("erf-arcsine", false).toString());
        assertEquals("Elementwise(name=erf-arcsine)", userErf("erf-arcsine", true).toString());

        Kernel k32 = user.withPrecision(Precision.FLOAT32).kernel(x1, x2);
        assertClose(expected.nngp(), k32.nngp(), 1e-5, "float32 nngp");
        assertClose(expected.ntk(), k32.ntk(), 1e-5, "float32 ntk");
        for (double v : k32.ntk().data().asDouble()) {
            assertTrue(v == (float) v, v + " is not a float32 value");
        }
    }

    @Test
    void jshellExample() {
        // cos: E[cos u cos v] = exp(−(q11 + q22)/2)·cosh(q12), neural-tangents' Cos(a=1, b=1, c=0).
        CustomElementwise cos = elementwise("cos", Math::cos, u -> -Math.sin(u),
                (q12, q11, q22) -> Math.exp(-(q11 + q22) / 2) * Math.cosh(q12));
        ElementwiseKernel.Entry e = new ElementwiseKernel.Entry();
        cos.entry(0.3, 0.9, 0.5, e);
        assertEquals(Math.exp(-0.7) * Math.sinh(0.3), e.kdot, 1e-12);
        assertEquals("cos", cos.name());
    }

    @Test
    void badInput() {
        Erf erf = erf();
        EntryFunction f = (q12, q11, q22) -> q12;
        for (String blank : new String[] {"", "  ", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> elementwise(blank, erf::phi, erf::derivative, f));
            assertTrue(e.getMessage().startsWith("Elementwise: a user nonlinearity needs a non-blank name"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> elementwise("f", erf::phi, erf::derivative, null));
        assertEquals("Elementwise(name=f): phi, derivative and nngp must not be null (phi given, derivative given, "
                + "nngp null)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> elementwise("f", erf::phi, erf::derivative, f, null));
        assertTrue(e.getMessage().startsWith("Elementwise(name=f): kdot must not be null"), e.getMessage());
        // A user layer must follow a Gaussian layer like any nonlinearity.
        e = assertThrows(IllegalArgumentException.class,
                () -> serial(elementwise("f", erf::phi, erf::derivative, f), dense(1)).kernel(Seeded.gaussian(1, 2, 3)));
        assertTrue(e.getMessage().contains("must be Gaussian"), e.getMessage());
    }
}

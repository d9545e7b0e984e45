package org.ntk4j.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Kernel#close()} frees a Gram's off-heap output now, and only what the kernel owns. */
class KernelCloseTest {
    @BeforeAll
    static void init() {
        Ntk4j.init();
    }

    @Test
    void closeFreesBothKernelsOfAGram() {
        Kernel k = Gram.of(new CountingKernel(1.5, false)).threads(2).compute(GramCheckpointTest.inputs(9, 1));
        assertEquals(9, k.nngp().size(0));
        assertFalse(k.nngp().wasClosed());
        k.close();
        assertTrue(k.nngp().wasClosed(), "nngp freed");
        assertTrue(k.ntk().wasClosed(), "ntk freed");
        assertDoesNotThrow(k::close, "closing twice");
    }

    @Test
    void closeLeavesViewsAndMissingNtkAlone() {
        INDArray parent = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 4, 4);
        INDArray view = parent.getRow(1);
        Kernel k = new Kernel(view, null);
        assertNull(k.ntk());
        k.close();
        assertFalse(parent.wasClosed(), "a view's parent is not the kernel's to free");
        assertEquals(4, view.length());
    }
}

package org.ntk4j.symmetry;

/**
 * The architectures of Xiao &amp; Pennington, Sec. 3.1: FCN (Dense layers), LCN (locally connected
 * conv layers, then Flatten), VEC (conv layers, then Flatten), GAP (conv layers, then global
 * average pooling) and LAP (conv layers, then local average pooling of window k, stride k, then
 * Flatten); each ends in a Dense readout. Build them with {@link PaperNetworks#network}.
 */
public enum Architecture {
    FCN, LCN, VEC, GAP, LAP
}

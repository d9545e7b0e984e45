/**
 * Symmetry of infinite-width kernels: group samplers and their actions on inputs, invariance
 * checks and the Theorem 4.1 table of Xiao &amp; Pennington (to come, see the project's issues).
 */
package org.ntk4j.symmetry;

/**
 * Symmetry of infinite-width kernels (Xiao &amp; Pennington, Sec. 4 and Theorem 4.1).
 *
 * <ul>
 * <li>{@link org.ntk4j.symmetry.Groups}: the groups acting on inputs x ∈ (R^C)^d — O(Cd), SO(Cd),
 * P(Cd), O(C)^d, P(C)^d, O(C)⊗I_d, P(C)⊗I_d, cyclic translations, C4, D4, identity — with Haar or
 * uniform sampling ({@link org.ntk4j.symmetry.Group#sample}), enumeration of the finite ones
 * ({@link org.ntk4j.symmetry.FiniteGroup}), Lie dimensions and the subgroup relation;
 * {@link org.ntk4j.symmetry.RotationPath} τ_t = exp(−tA) in SO(C)^d.</li>
 * <li>{@link org.ntk4j.symmetry.Invariance} and {@link org.ntk4j.symmetry.Equivariance}: measured
 * relative deviations of a kernel under a group.</li>
 * <li>{@link org.ntk4j.symmetry.Theorem41}: the table of architectures × groups against the
 * theorem, written as Markdown, CSV and PNG.</li>
 * <li>{@link org.ntk4j.symmetry.InvariantKernel}: group-averaged kernels K_G(x, x') = mean_g K(x, g·x').</li>
 * </ul>
 */
package org.ntk4j.symmetry;

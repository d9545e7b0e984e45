/**
 * Parameter symmetry of finite networks (Ziyin et al.): projections onto symmetric states
 * ({@link org.ntk4j.symmetry.parameter.ParameterSymmetries}), symmetry-breaking distances, per-layer
 * degrees of symmetry and weight ranks ({@link org.ntk4j.symmetry.parameter.SymmetryMeter}), a
 * recorder over gradient descent that finds loss drops and symmetry-breaking events
 * ({@link org.ntk4j.symmetry.parameter.SymmetryTrajectory}), and the distance from the kernel regime
 * ({@link org.ntk4j.symmetry.parameter.KernelDrift}). All measures need a chain of Dense layers with
 * pointwise nonlinearities between them ({@link org.ntk4j.symmetry.parameter.DenseChain}).
 */
package org.ntk4j.symmetry.parameter;

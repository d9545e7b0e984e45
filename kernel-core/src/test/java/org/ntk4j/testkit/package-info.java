/**
 * The tests' shared kit, published as kernel-core's test-jar and used in test scope by every module:
 * {@link org.ntk4j.testkit.Seeded} (seeded inputs), {@link org.ntk4j.testkit.KernelAsserts} (kernel
 * comparators) and {@link org.ntk4j.testkit.TestFixtures} (fixture loading). Only this package goes into the
 * test-jar.
 */
package org.ntk4j.testkit;

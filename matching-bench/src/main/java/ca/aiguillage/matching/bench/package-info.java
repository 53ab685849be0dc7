/**
 * Benchmarks of the matching policy and the batch optimizer, and the waitlist simulator:
 * all replay the real matching code of matching-service on synthetic networks.
 */
@NullMarked
package ca.aiguillage.matching.bench;

import org.jspecify.annotations.NullMarked;

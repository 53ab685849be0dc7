/**
 * The invariant checker: reads every service's database, the dead-letter topics and what
 * the stand-in providers received, and says which of the system's promises hold and which
 * ids break them (ids only, never personal data).
 */
@NullMarked
package ca.aiguillage.localstack.invariants;

import org.jspecify.annotations.NullMarked;

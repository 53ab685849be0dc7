/** Events of matching-service, on {@code matching.events}. */
@NullMarked
package ca.aiguillage.contracts.matching;

import org.jspecify.annotations.NullMarked;

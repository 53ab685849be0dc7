/**
 * Turning event records into CloudEvents messages on Kafka and back, with schema checks.
 */
@NullMarked
package ca.aiguillage.platform.events;

import org.jspecify.annotations.NullMarked;

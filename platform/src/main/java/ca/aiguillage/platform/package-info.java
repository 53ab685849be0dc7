/**
 * What every Aiguillage service shares: CloudEvents on Kafka, one-document aggregates
 * with their outbox and its relay, RFC 9457 problem details, and MongoDB durability and
 * health.
 */
@NullMarked
package ca.aiguillage.platform;

import org.jspecify.annotations.NullMarked;

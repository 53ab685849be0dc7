/**
 * The local stack: a real Kafka broker (KRaft), the embedded MongoDB wire-protocol server
 * with a durable file store, the four services and demo data, in one JVM started by one
 * command.
 */
@NullMarked
package ca.aiguillage.localstack;

import org.jspecify.annotations.NullMarked;

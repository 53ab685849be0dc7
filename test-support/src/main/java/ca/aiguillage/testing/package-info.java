/**
 * Test fixtures the services share: the in-JVM MongoDB wire-protocol server, a real KRaft
 * broker per test context, Kafka probes and the architecture rules every service keeps.
 */
@NullMarked
package ca.aiguillage.testing;

import org.jspecify.annotations.NullMarked;

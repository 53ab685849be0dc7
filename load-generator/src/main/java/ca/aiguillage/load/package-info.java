/**
 * The load generator: drives a running stack through the partner API and a partner's
 * inbound topic at fixed rates or a ramp, follows each referral to its first decision and
 * into the queue, and measures in the same run a baseline of the bare work (an HTTP
 * accept, MongoDB writes, Kafka round trips with plain clients). Also the history
 * generator that pre-fills a stack.
 */
@NullMarked
package ca.aiguillage.load;

import org.jspecify.annotations.NullMarked;

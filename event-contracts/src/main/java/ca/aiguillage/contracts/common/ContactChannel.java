package ca.aiguillage.contracts.common;

/**
 * A channel a client consented to be reached on. The address itself never travels on
 * Kafka.
 */
public enum ContactChannel {

	/** Email. */
	EMAIL,
	/** Text message. */
	SMS

}

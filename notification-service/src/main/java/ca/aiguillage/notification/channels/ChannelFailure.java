package ca.aiguillage.notification.channels;

/**
 * A channel could not take a message. Permanent failures (a refused address, a 4xx from
 * the provider) are not retried; transient ones (a 5xx, a timeout) are.
 */
public class ChannelFailure extends RuntimeException {

	private final boolean permanent;

	private final String reason;

	public ChannelFailure(boolean permanent, String reason, Throwable cause) {
		super(reason, cause);
		this.permanent = permanent;
		this.reason = reason;
	}

	public ChannelFailure(boolean permanent, String reason) {
		super(reason);
		this.permanent = permanent;
		this.reason = reason;
	}

	public boolean permanent() {
		return this.permanent;
	}

	/** The provider's reason, as a short code and text without any address. */
	public String reason() {
		return this.reason;
	}

}

package ca.aiguillage.notification.channels;

import org.jspecify.annotations.Nullable;

/**
 * The provider may have taken the message, and nothing says whether it did (its data went
 * out, its reply never came): it is not sent again, and the delivery log says so.
 */
public final class UnconfirmedSend extends ChannelFailure {

	private final @Nullable String address;

	public UnconfirmedSend(String reason, Throwable cause) {
		this(reason, null, cause);
	}

	private UnconfirmedSend(String reason, @Nullable String address, Throwable cause) {
		// Permanent for the guards: never retried, and no sign of an unhealthy provider.
		super(true, reason, cause);
		this.address = address;
	}

	/** The same, with the masked address the message was for. */
	public UnconfirmedSend to(String maskedAddress) {
		return new UnconfirmedSend(reason(), maskedAddress, (getCause() != null) ? getCause() : this);
	}

	/** The masked address, once known. */
	public @Nullable String address() {
		return this.address;
	}

}

package ca.aiguillage.notification.delivery;

import java.time.Instant;

import ca.aiguillage.contracts.common.ContactChannel;
import org.jspecify.annotations.Nullable;

/**
 * A self-referred client's confirmation that the address or number of one channel is
 * theirs, asked in the first acknowledgement: until it is given, later messages to that
 * channel wait.
 *
 * @param channel the channel whose destination is confirmed
 * @param linkId the id of the link sent with the acknowledgement on that channel
 * @param expiresAt when the link stops working and the waiting messages fail
 * @param confirmedAt when the client confirmed, or null
 */
public record DestinationConfirmation(ContactChannel channel, String linkId, Instant expiresAt,
		@Nullable Instant confirmedAt) {

	public boolean confirmed() {
		return this.confirmedAt != null;
	}

	/** Unconfirmed at its deadline: nothing more goes to that destination. */
	boolean lapsed(Instant now) {
		return !confirmed() && !now.isBefore(this.expiresAt);
	}

	DestinationConfirmation confirm(Instant now) {
		return new DestinationConfirmation(this.channel, this.linkId, this.expiresAt, now);
	}

	/**
	 * A confirmation just asked for, with the address of its link, which only the
	 * acknowledgement carries.
	 *
	 * @param confirmation what the case keeps
	 * @param url the link's address
	 */
	record Issued(DestinationConfirmation confirmation, String url) {
	}

}

package ca.aiguillage.waitlist.queue;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An entry of the queue changed in this instance, for views that refresh themselves and
 * for the wait-time figures.
 *
 * @param organizationId its organization, or null while unknown
 * @param before its status before the change
 * @param after its status after the change
 * @param registeredAt when its wait started, or null while unknown
 * @param stateSince since when it is in its status after the change
 */
public record QueueChanged(String referralId, @Nullable String organizationId, @Nullable QueueStatus before,
		@Nullable QueueStatus after, @Nullable Instant registeredAt, @Nullable Instant stateSince) {

	static QueueChanged of(QueueEntry entry, @Nullable QueueStatus before) {
		return new QueueChanged(entry.getId(), entry.organizationId(), before, entry.status(), entry.registeredAt(),
				entry.stateSince());
	}

}

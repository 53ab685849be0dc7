package ca.aiguillage.waitlist.queue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import ca.aiguillage.platform.work.ScannedCopy;
import com.google.common.collect.BoundType;
import com.google.common.collect.TreeMultiset;
import org.jspecify.annotations.Nullable;

/**
 * What the predicted start counts, for the network's line and each organization's, kept
 * up to date as the in-memory copy of the queue changes: the registration times of the
 * referrals waiting for therapy, the last first session of each, and the ended therapies'
 * count and days. A count below or above a time reads a few nodes of a balanced tree that
 * keeps the size of each subtree, so a forecast costs the same on a queue of ten and on
 * five years of referrals; going through every entry, as it did, cost a tenth of the
 * stack's processor time on a history of 35,000 waiting referrals.
 */
final class QueueTallies implements ScannedCopy.Tally<QueueLines.Facts> {

	private final Line network = new Line();

	private final Map<String, Line> organizations = new HashMap<>();

	/** One line's figures. */
	private static final class Line {

		private final TreeMultiset<Instant> waitingSince = TreeMultiset.create();

		private final TreeMultiset<Instant> startedAt = TreeMultiset.create();

		private long endedTherapies;

		private long endedTherapyDays;

		void change(QueueLines.Facts facts, int sign) {
			if (facts.status() != null && QueueStatus.BEFORE_THERAPY.contains(facts.status())
					&& facts.registeredAt() != null) {
				change(this.waitingSince, facts.registeredAt(), sign);
			}
			if (facts.lastStartedAt() != null) {
				change(this.startedAt, facts.lastStartedAt(), sign);
			}
			if (facts.therapyDays() != null) {
				this.endedTherapies += sign;
				this.endedTherapyDays += sign * facts.therapyDays();
			}
		}

		private static void change(TreeMultiset<Instant> times, Instant time, int sign) {
			if (sign > 0) {
				times.add(time);
			}
			else {
				times.remove(time);
			}
		}

		boolean isEmpty() {
			return this.waitingSince.isEmpty() && this.startedAt.isEmpty() && this.endedTherapies == 0;
		}

	}

	@Override
	public synchronized void add(QueueLines.Facts facts) {
		change(facts, 1);
	}

	@Override
	public synchronized void remove(QueueLines.Facts facts) {
		change(facts, -1);
	}

	private void change(QueueLines.Facts facts, int sign) {
		this.network.change(facts, sign);
		String organizationId = facts.organizationId();
		if (organizationId != null) {
			Line line = this.organizations.computeIfAbsent(organizationId, (organization) -> new Line());
			line.change(facts, sign);
			if (line.isEmpty()) {
				this.organizations.remove(organizationId);
			}
		}
	}

	/** The line of an organization, or the network's for none. */
	private @Nullable Line line(@Nullable String organizationId) {
		return (organizationId != null) ? this.organizations.get(organizationId) : this.network;
	}

	/** How many in the line wait for therapy and were registered before then. */
	synchronized long waitingBefore(@Nullable String organizationId, Instant registeredAt) {
		Line line = line(organizationId);
		return (line != null) ? line.waitingSince.headMultiset(registeredAt, BoundType.OPEN).size() : 0;
	}

	/** How many in the line had their last first session then or since. */
	synchronized long startedSince(@Nullable String organizationId, Instant since) {
		Line line = line(organizationId);
		return (line != null) ? line.startedAt.tailMultiset(since, BoundType.CLOSED).size() : 0;
	}

	/** The ended therapies of the line. */
	synchronized QueueReadings.EndedTherapies endedTherapies(@Nullable String organizationId) {
		Line line = line(organizationId);
		return (line != null) ? new QueueReadings.EndedTherapies(line.endedTherapies, line.endedTherapyDays)
				: new QueueReadings.EndedTherapies(0, 0);
	}

}

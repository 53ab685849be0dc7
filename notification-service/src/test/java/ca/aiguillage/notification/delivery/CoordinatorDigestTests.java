package ca.aiguillage.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoordinatorDigestTests {

	/** 08:00 in Montreal. */
	private static final Instant MORNING = Instant.parse("2026-11-21T13:00:00Z");

	private static final Duration LEASE = Duration.ofMinutes(5);

	@Test
	void digestClaimedAgainAfterItsLeaseRanOutIsStartedOnlyByTheLatestClaim() {
		CoordinatorDigest digest = dueThisMorning();
		assertThat(digest.claim(MORNING, LEASE)).isTrue();
		Instant first = digest.leaseUntil();
		assertThat(digest.claim(MORNING.plus(Duration.ofMinutes(6)), LEASE)).isTrue();
		Instant second = digest.leaseUntil();

		assertThat(digest.start(first, MORNING.plus(Duration.ofMinutes(7)), LEASE)).isFalse();
		assertThat(digest.start(second, MORNING.plus(Duration.ofMinutes(7)), LEASE)).isTrue();
		assertThat(digest.due(MORNING.plus(Duration.ofMinutes(11)))).as("lease renewed when the sender started")
			.isFalse();
	}

	@Test
	void senderWhoseLeaseRanOutNoLongerHoldsTheDigestWhileTheSenderWhoTookItOverDoes() {
		CoordinatorDigest digest = dueThisMorning();
		digest.claim(MORNING, LEASE);
		Instant first = digest.leaseUntil();
		digest.claim(MORNING.plus(Duration.ofMinutes(6)), LEASE);

		assertThat(digest.heldBy(first)).isFalse();
		assertThat(digest.heldBy(digest.leaseUntil())).isTrue();
		assertThat(digest.heldBy(null)).isFalse();
	}

	@Test
	void finishedDigestIsHeldByNobody() {
		CoordinatorDigest digest = dueThisMorning();
		digest.claim(MORNING, LEASE);
		Instant token = digest.leaseUntil();

		digest.finish(DeliveryStatus.SENT, null, List.of());

		assertThat(digest.heldBy(token)).isFalse();
		assertThat(digest.due(MORNING.plus(Duration.ofDays(1)))).isFalse();
	}

	private static CoordinatorDigest dueThisMorning() {
		CoordinatorDigest digest = new CoordinatorDigest(CoordinatorDigest.idOf("org-1", MORNING));
		digest.add("org-1", "referral-1", MORNING);
		return digest;
	}

}

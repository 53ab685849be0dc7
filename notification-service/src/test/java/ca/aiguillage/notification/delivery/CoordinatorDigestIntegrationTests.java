package ca.aiguillage.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.EventCatalog;
import ca.aiguillage.notification.stubs.StubbedChannels;
import ca.aiguillage.platform.outbox.Aggregates;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CoordinatorDigestIntegrationTests extends RunningNotificationService {

	@Autowired
	Aggregates aggregates;

	@AfterEach
	void backToNoon() {
		StubbedChannels.clock().reset();
	}

	@Test
	void sixtyDayRisksReachCoordinatorsTogetherTheNextMorningOnceWhileOtherReviewsGoAtOnce() {
		String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
		String first = UUID.randomUUID().toString();
		String second = UUID.randomUUID().toString();
		String worsened = UUID.randomUUID().toString();
		String firstEvent = UUID.randomUUID().toString();

		publish(EventCatalog.REVIEW_REQUESTED_V1, first, firstEvent, review(first, organization, "SIXTY_DAY_RISK"));
		publish(EventCatalog.REVIEW_REQUESTED_V1, first, firstEvent, review(first, organization, "SIXTY_DAY_RISK"));
		publish(EventCatalog.REVIEW_REQUESTED_V1, second, UUID.randomUUID().toString(),
				review(second, organization, "SIXTY_DAY_RISK"));
		publish(EventCatalog.REVIEW_REQUESTED_V1, worsened, UUID.randomUUID().toString(),
				review(worsened, organization, "WORSENED"));

		await().atMost(ofSeconds(30)).until(() -> !mentioning(worsened).isEmpty());
		Instant morning = QuietHours.nextMorning(StubbedChannels.clock().instant());
		String digestId = CoordinatorDigest.idOf(organization, morning);
		await().atMost(ofSeconds(30))
			.until(() -> this.aggregates.find(CoordinatorDigest.class, digestId)
				.map(CoordinatorDigest::referralIds)
				.orElse(List.of())
				.size() == 2);
		assertThat(mentioning(first)).isEmpty();

		StubbedChannels.clock().advance(Duration.between(StubbedChannels.clock().instant(), morning).plusMinutes(1));

		MimeMessage digest = await().atMost(ofSeconds(30))
			.until(() -> mentioning(first), found -> !found.isEmpty())
			.get(0);
		assertThat(GreenMailUtil.getBody(digest)).contains(second);
		assertThat(subjectOf(digest)).isEqualTo("Risque de dépasser 60 jours d'attente : 2 référence(s)");
		await().atMost(ofSeconds(30))
			.until(() -> this.aggregates.find(CoordinatorDigest.class, digestId).orElseThrow().status(),
					status -> status == DeliveryStatus.SENT);
		assertThat(mentioning(first)).hasSize(1);
	}

	@Test
	void digestSenderWhoseLeaseRanOutCanNeitherStartNorRecordAFailureOverTheSenderWhoTookItOver() {
		String organization = "org-" + UUID.randomUUID().toString().substring(0, 8);
		// Far past this class's mornings: the service's own dispatcher never takes it.
		Instant sendAt = StubbedChannels.clock().instant().plus(Duration.ofDays(30));
		String digestId = CoordinatorDigest.idOf(organization, sendAt);
		this.aggregates.applyOnce(CoordinatorDigest.class, digestId, UUID.randomUUID().toString(),
				() -> new CoordinatorDigest(digestId), digest -> digest.add(organization, "referral-1", sendAt));
		CoordinatorDigest first = this.due.claimDigest(digestId, sendAt).orElseThrow();
		Instant later = sendAt.plus(Duration.ofDays(1));
		CoordinatorDigest second = this.due.claimDigest(digestId, later).orElseThrow();

		assertThat(this.due.startDigest(digestId, first, later)).isEmpty();
		CoordinatorDigest started = this.due.startDigest(digestId, second, later).orElseThrow();
		this.due.finishDigest(digestId, first.leaseUntil(), DeliveryResult.failed("SMTP_550", List.of()), later);
		assertThat(stored(digestId).status()).isEqualTo(DeliveryStatus.SENDING);

		this.due.finishDigest(digestId, started.leaseUntil(), DeliveryResult.sent("c•••@exemple.ca", List.of()), later);
		this.due.finishDigest(digestId, first.leaseUntil(), DeliveryResult.retry("SMTP_UNAVAILABLE", List.of()), later);

		assertThat(stored(digestId).status()).isEqualTo(DeliveryStatus.SENT);
	}

	@Autowired
	DueDeliveries due;

	private CoordinatorDigest stored(String digestId) {
		return this.aggregates.find(CoordinatorDigest.class, digestId).orElseThrow();
	}

	private static List<MimeMessage> mentioning(String referral) {
		return mailTo(StubbedChannels.COORDINATORS).stream()
			.filter(message -> (subjectOf(message) + GreenMailUtil.getWholeMessage(message).replace("=\r\n", ""))
				.contains(referral))
			.toList();
	}

	private static String review(String referral, String organization, String cause) {
		return "{\"referralId\":\"" + referral + "\",\"organizationId\":\"" + organization + "\",\"cause\":\"" + cause
				+ "\",\"requestedAt\":\"2026-11-20T14:03:00Z\"}";
	}

}

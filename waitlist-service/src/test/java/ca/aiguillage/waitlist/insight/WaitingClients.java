package ca.aiguillage.waitlist.insight;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.testing.Http;
import ca.aiguillage.testing.KafkaProbe;
import ca.aiguillage.waitlist.Wire;
import org.jspecify.annotations.Nullable;

import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;

/** Partners' referrals put in a line as intake and matching would, for the forecasts. */
final class WaitingClients {

	private WaitingClients() {
	}

	/** A referral registered then, waiting for a place once matching found none. */
	static String waiting(KafkaProbe kafka, Http http, @Nullable String organization, String partner,
			Instant registered, @Nullable SessionFee fee) {
		String id = referral(kafka, organization, partner, registered, fee);
		Wire.publish(kafka, new NoMatchFoundV1(id, List.of("NO_FREE_PLACE"), 3, Instant.now()));
		await().atMost(ofSeconds(20))
			.until(() -> http.get("/api/v1/queue/" + id),
					answer -> answer.status() == 200 && "WAITING".equals(answer.json("$.referral.status"))
							&& answer.json("$.referral.registeredAt") != null);
		return id;
	}

	/** A referral registered then, which matching has not answered yet. */
	static String referral(KafkaProbe kafka, @Nullable String organization, String partner, Instant registered,
			@Nullable SessionFee fee) {
		String id = UUID.randomUUID().toString();
		Wire.publish(kafka,
				new ReferralSubmittedV1(id, registered, IntakeChannel.PARTNER_API, partner, organization, "fr",
						List.of("fr"), Clientele.ADULT, List.of(Approach.SYSTEMIC), false, Modality.EITHER,
						List.of(new WeeklySlot(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C,
						"H2M", List.of(), fee, null));
		return id;
	}

}

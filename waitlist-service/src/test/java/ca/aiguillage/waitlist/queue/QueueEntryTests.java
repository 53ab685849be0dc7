package ca.aiguillage.waitlist.queue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueueEntryTests {

	static final Instant REGISTERED = Instant.parse("2026-11-20T14:03:00Z");

	@Test
	void registrationAloneAwaitsMatching() {
		QueueEntry entry = new QueueEntry("r-1");

		entry.registered(submitted("r-1"));

		assertThat(entry.status()).isEqualTo(QueueStatus.SUBMITTED);
		assertThat(entry.registeredAt()).isEqualTo(REGISTERED);
	}

	@Test
	void proposalArrivingBeforeRegistrationIsNotUndoneByIt() {
		QueueEntry entry = new QueueEntry("r-1");

		entry.proposed(proposal("r-1"));
		entry.registered(submitted("r-1"));

		assertThat(entry.status()).isEqualTo(QueueStatus.PROPOSED);
		assertThat(entry.languages()).containsExactly("fr", "es");
		assertThat(entry.organizationId()).isEqualTo("org-laval");
	}

	@Test
	void noMatchAnnouncesTheWaitOnceTheRegistrationDateIsKnown() {
		QueueEntry entry = new QueueEntry("r-1");

		entry.noMatch(new NoMatchFoundV1("r-1", List.of("NO_FREE_PLACE"), 40, REGISTERED.plusSeconds(2)));
		assertThat(entry.raisedEvents()).isEmpty();
		entry.registered(submitted("r-1"));

		assertThat(entry.status()).isEqualTo(QueueStatus.WAITING);
		assertThat(entry.raisedEvents()).singleElement().isInstanceOf(WaitlistedV1.class);
	}

	static ReferralSubmittedV1 submitted(String id) {
		return new ReferralSubmittedV1(id, REGISTERED, IntakeChannel.PARTNER_API, "clsc-ahuntsic", null, "fr",
				List.of("fr", "es"), Clientele.ADULT, List.of(Approach.COGNITIVE_BEHAVIOURAL), false, Modality.EITHER,
				List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), null, "H2M",
				List.of(), null, null);
	}

	static ProposalMadeV1 proposal(String id) {
		return new ProposalMadeV1(id, "p-1", "t-07", "org-laval", Modality.VIDEO,
				new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
				new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE"), Map.of("approach", 1.0), 1.0),
				REGISTERED.plusSeconds(2), "Camille", "Centre St-Pierre");
	}

}

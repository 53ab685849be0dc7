package ca.aiguillage.waitlist.queue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.security.Role;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static ca.aiguillage.waitlist.queue.QueueEntryTests.REGISTERED;
import static ca.aiguillage.waitlist.queue.QueueEntryTests.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

class VideoPoolEntryTests {

	private static final SessionFee HOME_FEE = new SessionFee(1500, false, "scale-montreal-nord", "2026-1");

	@Test
	void videoPlaceOfAnotherOrganizationLeavesTheReferralWithItsOwnAndLetsTheHostReadIt() {
		QueueEntry entry = registered();

		entry.proposed(pooled());

		assertThat(entry.status()).isEqualTo(QueueStatus.PROPOSED);
		assertThat(entry.organizationId()).isEqualTo("org-montreal-nord");
		assertThat(entry.hostOrganizationId()).isEqualTo("org-laval");
		assertThat(QueueEntries.access(entry, coordinator("org-montreal-nord"))).isEqualTo(QueueEntries.Access.HOLDER);
		assertThat(QueueEntries.access(entry, coordinator("org-laval"))).isEqualTo(QueueEntries.Access.HOST);
		assertThat(entry.actionsFor(QueueEntries.Access.HOST)).isEmpty();
		assertThat(QueueEntries.access(entry, coordinator("org-outaouais"))).isEqualTo(QueueEntries.Access.NONE);
	}

	@Test
	void hostNoLongerReadsAReferralWhoseVideoPlaceExpired() {
		QueueEntry entry = registered();
		entry.proposed(pooled());

		entry.fireDueTimers(REGISTERED.plus(Duration.ofDays(8)), SETTINGS);

		assertThat(entry.status()).isEqualTo(QueueStatus.WAITING);
		assertThat(entry.hostOrganizationId()).isNull();
		assertThat(QueueEntries.access(entry, coordinator("org-laval"))).isEqualTo(QueueEntries.Access.NONE);
	}

	@Test
	void placeOfAnotherOrganizationOutsideThePoolStillMovesTheReferralThere() {
		QueueEntry entry = registered();

		entry.proposed(proposal(null));

		assertThat(entry.organizationId()).isEqualTo("org-laval");
		assertThat(entry.hostOrganizationId()).isNull();
		assertThat(QueueEntries.access(entry, coordinator("org-montreal-nord"))).isEqualTo(QueueEntries.Access.FORMER);
	}

	private static QueueEntry registered() {
		QueueEntry entry = new QueueEntry("r-1");
		entry.registered(new ReferralSubmittedV1("r-1", REGISTERED, IntakeChannel.PARTNER_API, "clsc-ahuntsic",
				"org-montreal-nord", "so", List.of("so"), Clientele.ADULT, List.of(Approach.COGNITIVE_BEHAVIOURAL),
				false, Modality.EITHER,
				List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C, "H2M",
				List.of(), HOME_FEE, null));
		return entry;
	}

	private static ProposalMadeV1 pooled() {
		return proposal(new ProposalMadeV1.VideoPool("org-montreal-nord", "so", HOME_FEE));
	}

	private static ProposalMadeV1 proposal(ProposalMadeV1.@Nullable VideoPool pool) {
		return new ProposalMadeV1("r-1", "p-1", "t-07", "org-laval", Modality.VIDEO,
				new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
				new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE", "VIDEO_POOL"), Map.of("aging", 1.0), 1.0,
						null, pool),
				REGISTERED.plusSeconds(2), "Camille", "Psychothérapie Laval");
	}

	private static Caller coordinator(String organization) {
		return new Caller("coordination", Set.of(Role.COORDINATOR), organization, null);
	}

}

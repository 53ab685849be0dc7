package ca.aiguillage.notification.delivery;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.ContactChannel;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.referral.ReferralRedirectedV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.referral.ReferralWithdrawnV1;
import ca.aiguillage.contracts.waitlist.CheckInDueV1;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;

/** Events of one referral, with the values of the contract's fixtures. */
public final class SampleEvents {

	public static final String REFERRAL = "0b6f2c1e-7d0a-4c47-9a53-4f1f1f0c9a11";

	private SampleEvents() {
	}

	public static ReferralSubmittedV1 submitted(String language, ContactChannel... channels) {
		return new ReferralSubmittedV1(REFERRAL, Instant.parse("2026-11-20T14:03:00Z"), IntakeChannel.PARTNER_API,
				"clsc-ahuntsic", null, language, List.of(language), Clientele.ADULT,
				List.of(Approach.COGNITIVE_BEHAVIOURAL), false, Modality.EITHER,
				List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C, "H2M",
				List.of(channels), null, null);
	}

	/** A referral made through the public self-referral form: no partner. */
	public static ReferralSubmittedV1 selfReferred(String language, ContactChannel... channels) {
		return new ReferralSubmittedV1(REFERRAL, Instant.parse("2026-11-20T14:03:00Z"), IntakeChannel.SELF_REFERRAL,
				null, null, language, List.of(language), Clientele.ADULT, List.of(Approach.COGNITIVE_BEHAVIOURAL),
				false, Modality.EITHER,
				List.of(new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), Priority.C, "H2M",
				List.of(channels), null, null);
	}

	public static ReferralWithdrawnV1 withdrawn() {
		return new ReferralWithdrawnV1(REFERRAL, null, ReferralWithdrawnV1.WithdrawnBy.CLIENT,
				Instant.parse("2026-11-22T14:03:00Z"));
	}

	public static ProposalMadeV1 proposal() {
		return new ProposalMadeV1(REFERRAL, "5d1e4c1a-3b9e-4b8e-8e0c-2a1f6f1b7c22", "t-07", "org-montreal-nord",
				Modality.VIDEO, new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
				new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE"), Map.of("approach", 1.0), 1.0),
				Instant.parse("2026-11-20T14:03:02Z"), "Camille", "Centre St-Pierre");
	}

	/**
	 * A video place of another organization of the network, for a Spanish-speaking client
	 * of Laval.
	 */
	public static ProposalMadeV1 videoPoolProposal() {
		return new ProposalMadeV1(REFERRAL, "7a2e4c1a-3b9e-4b8e-8e0c-2a1f6f1b7c33", "t-07", "org-montreal-nord",
				Modality.VIDEO, new WeeklySlot(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
				new ProposalMadeV1.Explanation(List.of("SHARED_LANGUAGE", "VIDEO_POOL"), Map.of("approach", 1.0), 1.0,
						null,
						new ProposalMadeV1.VideoPool("org-laval", "es",
								new SessionFee(2500, false, "example-scale", "2026-01"))),
				Instant.parse("2026-11-20T14:03:02Z"), "Camille", "Centre St-Pierre");
	}

	public static WaitlistedV1 waitlisted() {
		return new WaitlistedV1(REFERRAL, Instant.parse("2026-11-20T14:03:00Z"), Instant.parse("2026-11-20T14:03:03Z"));
	}

	public static ReferralRedirectedV1 redirected() {
		return new ReferralRedirectedV1(REFERRAL, "clsc-ahuntsic", "org-st-pierre", "fr",
				List.of(ContactChannel.EMAIL, ContactChannel.SMS), Instant.parse("2026-11-20T14:03:00Z"));
	}

	public static CheckInDueV1 checkIn() {
		return new CheckInDueV1(REFERRAL, "ci-1", 1, Instant.parse("2026-12-20T14:03:00Z"),
				Instant.parse("2027-01-03T14:03:00Z"));
	}

	public static CheckInDueV1 headOfLineCheckIn() {
		return new CheckInDueV1(REFERRAL, "ci-2", 2, Instant.parse("2026-12-20T14:03:00Z"),
				Instant.parse("2026-12-27T14:03:00Z"), CheckInDueV1.Trigger.HEAD_OF_LINE);
	}

	public static CheckInDueV1 intervalCheckIn() {
		return new CheckInDueV1(REFERRAL, "ci-3", 3, Instant.parse("2026-12-20T14:03:00Z"),
				Instant.parse("2027-01-03T14:03:00Z"), CheckInDueV1.Trigger.INTERVAL);
	}

	public static NoMatchFoundV1 noMatch() {
		return new NoMatchFoundV1(REFERRAL, List.of("NO_SHARED_LANGUAGE"), 40, Instant.parse("2026-11-20T14:03:02Z"));
	}

}

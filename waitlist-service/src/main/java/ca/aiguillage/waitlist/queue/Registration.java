package ca.aiguillage.waitlist.queue;

import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.IntakeChannel;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import org.jspecify.annotations.Nullable;

/**
 * What intake registered about the client's needs and where the referral came from: codes
 * only, never personal data. Stored flat in the entry's document, under the field names
 * it always had.
 */
public final class Registration {

	private @Nullable String postalPrefix;

	private @Nullable FeeBand feeBand;

	private @Nullable IntakeChannel intakeChannel;

	private List<String> languages = List.of();

	private List<Approach> approaches = List.of();

	private @Nullable Clientele clientele;

	private @Nullable Modality modality;

	void registered(ReferralSubmittedV1 submitted) {
		this.postalPrefix = submitted.postalPrefix();
		this.feeBand = FeeBand.of(submitted.fee());
		this.intakeChannel = submitted.intakeChannel();
		this.languages = submitted.languages();
		this.approaches = submitted.approaches();
		this.clientele = submitted.clientele();
		this.modality = submitted.modality();
	}

	/**
	 * The first three characters of the client's postal code: a region, not an address.
	 */
	public @Nullable String postalPrefix() {
		return this.postalPrefix;
	}

	/**
	 * The fee band the organization's sliding scale gave at intake: the only trace of
	 * income that leaves referral-service; {@link FeeBand#UNKNOWN} without a scale or for
	 * entries stored before the band was kept.
	 */
	public FeeBand feeBand() {
		return (this.feeBand != null) ? this.feeBand : FeeBand.UNKNOWN;
	}

	boolean selfReferral() {
		return this.intakeChannel == IntakeChannel.SELF_REFERRAL;
	}

	public List<String> languages() {
		return this.languages;
	}

	public List<Approach> approaches() {
		return this.approaches;
	}

	public @Nullable Clientele clientele() {
		return this.clientele;
	}

	public @Nullable Modality modality() {
		return this.modality;
	}

}

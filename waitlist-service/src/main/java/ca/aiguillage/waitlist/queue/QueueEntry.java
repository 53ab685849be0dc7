package ca.aiguillage.waitlist.queue;

import java.time.Instant;
import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.matching.NoMatchFoundV1;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.contracts.referral.ReferralSubmittedV1;
import ca.aiguillage.contracts.waitlist.WaitlistedV1;
import ca.aiguillage.platform.outbox.Aggregate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One referral in the queue. Events from different topics may arrive in any order, so
 * each reaction fills in what it knows without undoing what a later step already set.
 */
@Document("queue")
class QueueEntry extends Aggregate {

	private @Nullable QueueStatus status;

	private @Nullable Instant registeredAt;

	private @Nullable String organizationId;

	private @Nullable String partnerId;

	private List<String> languages = List.of();

	private List<Approach> approaches = List.of();

	private @Nullable Clientele clientele;

	private @Nullable Modality modality;

	private @Nullable Priority priority;

	private @Nullable ProposalMadeV1 proposal;

	private List<String> noMatchReasons = List.of();

	private boolean waitlistAnnounced;

	private @Nullable Instant changedAt;

	@PersistenceCreator
	QueueEntry(String id) {
		super(id);
	}

	void registered(ReferralSubmittedV1 submitted) {
		this.registeredAt = submitted.submittedAt();
		this.partnerId = submitted.partnerId();
		this.languages = submitted.languages();
		this.approaches = submitted.approaches();
		this.clientele = submitted.clientele();
		this.modality = submitted.modality();
		this.priority = submitted.priority();
		if (this.organizationId == null) {
			this.organizationId = submitted.organizationId();
		}
		if (this.status == null) {
			this.status = QueueStatus.SUBMITTED;
			this.changedAt = submitted.submittedAt();
		}
		announceWaitlisted(submitted.submittedAt());
	}

	void proposed(ProposalMadeV1 proposal) {
		this.status = QueueStatus.PROPOSED;
		this.proposal = proposal;
		this.organizationId = proposal.organizationId();
		this.changedAt = proposal.proposedAt();
	}

	void noMatch(NoMatchFoundV1 noMatch) {
		this.status = QueueStatus.WAITING;
		this.noMatchReasons = noMatch.reasons();
		this.changedAt = noMatch.examinedAt();
		announceWaitlisted(noMatch.examinedAt());
	}

	private void announceWaitlisted(Instant now) {
		// The announcement needs the registration date, which may arrive after matching's
		// answer.
		if (this.status == QueueStatus.WAITING && this.registeredAt != null && !this.waitlistAnnounced) {
			this.waitlistAnnounced = true;
			raise(new WaitlistedV1(getId(), this.registeredAt, now));
		}
	}

	@Nullable QueueStatus status() {
		return this.status;
	}

	@Nullable Instant registeredAt() {
		return this.registeredAt;
	}

	@Nullable String organizationId() {
		return this.organizationId;
	}

	@Nullable String partnerId() {
		return this.partnerId;
	}

	List<String> languages() {
		return this.languages;
	}

	List<Approach> approaches() {
		return this.approaches;
	}

	@Nullable Clientele clientele() {
		return this.clientele;
	}

	@Nullable Modality modality() {
		return this.modality;
	}

	@Nullable Priority priority() {
		return this.priority;
	}

	@Nullable ProposalMadeV1 proposal() {
		return this.proposal;
	}

	List<String> noMatchReasons() {
		return this.noMatchReasons;
	}

}

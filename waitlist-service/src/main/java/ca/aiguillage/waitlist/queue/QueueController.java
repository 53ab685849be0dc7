package ca.aiguillage.waitlist.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The queue as coordinators read it: longest waiting first, filtered and paged. */
@RestController
@RequestMapping("/api/v1/queue")
class QueueController {

	private static final int MAX_PAGE_SIZE = 200;

	private final MongoOperations mongo;

	private final Clock clock;

	QueueController(MongoOperations mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'COORDINATOR')")
	QueuePage queue(@RequestParam(required = false) @Nullable QueueStatus status,
			@RequestParam(required = false) @Nullable String organizationId,
			@RequestParam(required = false) @Nullable String language,
			@RequestParam(required = false) @Nullable String referralId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		List<FieldViolation> violations = new ArrayList<>();
		if (page < 0) {
			violations.add(new FieldViolation("page", "invalid.negative"));
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			violations.add(new FieldViolation("size", "invalid.pageSize"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		Caller caller = Caller.current();
		if (!caller.isAdmin()) {
			// A coordinator sees their own organization's queue, whatever the request
			// asks for.
			if (organizationId != null && !caller.coordinates(organizationId)) {
				throw new AccessDeniedException("another organization's queue");
			}
			organizationId = caller.organizationId();
		}
		Criteria criteria = new Criteria();
		List<Criteria> filters = new ArrayList<>();
		if (status != null) {
			filters.add(Criteria.where("status").is(status));
		}
		if (organizationId != null) {
			filters.add(Criteria.where("organizationId").is(organizationId));
		}
		if (language != null) {
			filters.add(Criteria.where("languages").is(language));
		}
		if (referralId != null) {
			filters.add(Criteria.where("_id").is(referralId));
		}
		if (!filters.isEmpty()) {
			criteria = criteria.andOperator(filters);
		}
		Query query = new Query(criteria);
		long total = this.mongo.count(query, QueueEntry.class);
		query.with(Sort.by(Sort.Order.asc("registeredAt"), Sort.Order.asc("_id"))).skip((long) page * size).limit(size);
		Instant now = this.clock.instant();
		List<QueueItem> items = this.mongo.find(query, QueueEntry.class)
			.stream()
			.map(entry -> QueueItem.of(entry, now))
			.toList();
		return new QueuePage(items, page, size, total);
	}

	/**
	 * One page of the queue.
	 *
	 * @param items the entries, longest waiting first
	 * @param page the page number, from 0
	 * @param size the page size
	 * @param total how many entries match the filters
	 */
	record QueuePage(List<QueueItem> items, int page, int size, long total) {
	}

	/**
	 * One referral as coordinators see it: codes and attributes, no personal data.
	 *
	 * @param referralId the referral id
	 * @param status where it stands
	 * @param registeredAt when the wait started
	 * @param daysWaited whole days since registration
	 * @param organizationId the organization, once known
	 * @param priority the referrer's priority
	 * @param languages the client's languages
	 * @param approaches wanted approaches
	 * @param clientele who comes to therapy
	 * @param modality wanted modality
	 * @param proposal the current proposal and its explanation, or null
	 * @param noMatchReasons why no therapist fits now, when waiting
	 */
	record QueueItem(String referralId, @Nullable QueueStatus status, @Nullable Instant registeredAt,
			@Nullable Long daysWaited, @Nullable String organizationId, @Nullable Priority priority,
			List<String> languages, List<Approach> approaches, @Nullable Clientele clientele,
			@Nullable Modality modality, @Nullable ProposalMadeV1 proposal, List<String> noMatchReasons) {

		static QueueItem of(QueueEntry entry, Instant now) {
			Long days = (entry.registeredAt() != null) ? Duration.between(entry.registeredAt(), now).toDays() : null;
			return new QueueItem(entry.getId(), entry.status(), entry.registeredAt(), days, entry.organizationId(),
					entry.priority(), entry.languages(), entry.approaches(), entry.clientele(), entry.modality(),
					entry.proposal(), entry.noMatchReasons());
		}

	}

}

package ca.aiguillage.waitlist.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;
import ca.aiguillage.contracts.matching.ProposalMadeV1;
import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import ca.aiguillage.platform.web.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The queue as coordinators read it: filtered, sorted and paged, for the API and the
 * console.
 */
@Component
public class QueueView {

	static final int MAX_PAGE_SIZE = 200;

	private static final Set<String> SORTS = Set.of("daysWaited", "registeredAt", "priority", "status", "stateSince");

	private final MongoOperations mongo;

	private final DecisionNotes notes;

	private final QueueEntries entries;

	private final Clock clock;

	QueueView(MongoOperations mongo, DecisionNotes notes, QueueEntries entries, Clock clock) {
		this.mongo = mongo;
		this.notes = notes;
		this.entries = entries;
		this.clock = clock;
	}

	/**
	 * What to show.
	 *
	 * @param statuses the statuses, or empty for every open referral
	 * @param organizationId the organization (a coordinator's own is forced)
	 * @param language a language the client accepts
	 * @param approach a wanted approach
	 * @param minDaysWaited at least this many days waited
	 * @param maxDaysWaited at most this many days waited
	 * @param referrer the referring partner
	 * @param referralId one referral
	 * @param atRisk only those at risk of passing 60 days
	 * @param sort a field and an optional direction: {@code daysWaited,desc}
	 * @param page the page, from 0
	 * @param size the page size
	 */
	public record Filter(List<QueueStatus> statuses, @Nullable String organizationId, @Nullable String language,
			@Nullable Approach approach, @Nullable Integer minDaysWaited, @Nullable Integer maxDaysWaited,
			@Nullable String referrer, @Nullable String referralId, @Nullable Boolean atRisk, String sort, int page,
			int size) {

		public static Filter firstPage() {
			return new Filter(List.of(), null, null, null, null, null, null, null, null, "daysWaited,desc", 0, 50);
		}

	}

	public QueuePage page(Filter filter, Caller caller) {
		List<FieldViolation> violations = new ArrayList<>();
		if (filter.page() < 0) {
			violations.add(new FieldViolation("page", "invalid.negative"));
		}
		if (filter.size() < 1 || filter.size() > MAX_PAGE_SIZE) {
			violations.add(new FieldViolation("size", "invalid.pageSize"));
		}
		if (filter.minDaysWaited() != null && filter.minDaysWaited() < 0) {
			violations.add(new FieldViolation("minDaysWaited", "invalid.negative"));
		}
		if (filter.maxDaysWaited() != null && filter.maxDaysWaited() < 0) {
			violations.add(new FieldViolation("maxDaysWaited", "invalid.negative"));
		}
		String[] sort = filter.sort().split(",", 2);
		boolean descending = sort.length == 2 && sort[1].equalsIgnoreCase("desc");
		if (!SORTS.contains(sort[0]) || (sort.length == 2 && !descending && !sort[1].equalsIgnoreCase("asc"))) {
			violations.add(new FieldViolation("sort", "invalid.sort"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		String organizationId = filter.organizationId();
		if (!caller.isAdmin()) {
			// A coordinator sees their own organization's queue, whatever the request
			// asks for.
			if (organizationId != null && !caller.coordinates(organizationId)) {
				throw new AccessDeniedException("another organization's queue");
			}
			organizationId = caller.organizationId();
			if (organizationId == null) {
				// Fail closed: a coordinator without an organization sees nothing.
				return new QueuePage(List.of(), filter.page(), filter.size(), 0);
			}
		}
		Instant now = this.clock.instant();
		Duration riskAfter = this.entries.settings().sixtyDayRiskAfter();
		List<Criteria> filters = new ArrayList<>();
		if (!filter.statuses().isEmpty()) {
			filters.add(Criteria.where("status").in(filter.statuses()));
		}
		else if (filter.referralId() == null) {
			filters.add(openOrFlagged());
		}
		else {
			// A referral not registered yet has no status and is shown to no one.
			filters.add(Criteria.where("status").in(List.of(QueueStatus.values())));
		}
		if (organizationId != null) {
			// A host of the network's video pool lists the referrals its places serve.
			filters.add(new Criteria().orOperator(Criteria.where("organizationId").is(organizationId),
					Criteria.where("hostOrganizationId").is(organizationId)));
		}
		if (filter.language() != null) {
			filters.add(Criteria.where("languages").is(filter.language()));
		}
		if (filter.approach() != null) {
			filters.add(Criteria.where("approaches").is(filter.approach()));
		}
		if (filter.minDaysWaited() != null) {
			filters.add(Criteria.where("registeredAt").lte(now.minus(Duration.ofDays(filter.minDaysWaited()))));
		}
		if (filter.maxDaysWaited() != null) {
			filters.add(Criteria.where("registeredAt").gt(now.minus(Duration.ofDays(filter.maxDaysWaited() + 1L))));
		}
		if (filter.referrer() != null) {
			filters.add(Criteria.where("partnerId").is(filter.referrer()));
		}
		if (filter.referralId() != null) {
			filters.add(Criteria.where("_id").is(filter.referralId()));
		}
		if (Boolean.TRUE.equals(filter.atRisk())) {
			filters.add(Criteria.where("status").in(QueueStatus.BEFORE_THERAPY));
			filters.add(Criteria.where("registeredAt").lte(now.minus(riskAfter)));
		}
		Query query = new Query(filters.isEmpty() ? new Criteria() : new Criteria().andOperator(filters));
		long total = this.mongo.count(query, QueueEntry.class);
		query.with(sort(sort[0], descending)).skip((long) filter.page() * filter.size()).limit(filter.size());
		List<QueueItem> items = this.mongo.find(query, QueueEntry.class)
			.stream()
			.map(entry -> QueueItem.of(entry, now, riskAfter))
			.toList();
		return new QueuePage(items, filter.page(), filter.size(), total);
	}

	/**
	 * The network queue: open referrals no organization holds yet, and crisis
	 * redirections no one followed up, for every coordinator and administrators.
	 * @param page the page, from 0
	 * @param size the page size
	 */
	public QueuePage network(Caller caller, int page, int size) {
		return network(caller, NetworkFilter.none(), page, size);
	}

	/**
	 * The network queue, narrowed to the referrals an organization could serve.
	 * @param filter the service area, languages and language asked for
	 * @param page the page, from 0
	 * @param size the page size
	 */
	public QueuePage network(Caller caller, NetworkFilter filter, int page, int size) {
		int chosenPage = Math.max(page, 0);
		int chosenSize = Math.clamp(size, 1, MAX_PAGE_SIZE);
		if (!caller.isAdmin() && caller.coordinatedOrganizations().isEmpty()) {
			// Fail closed: a coordinator without an organization sees nothing.
			return new QueuePage(List.of(), chosenPage, chosenSize, 0);
		}
		List<Criteria> criteria = new ArrayList<>(List.of(Criteria.where("organizationId").is(null), openOrFlagged()));
		if (filter.serviceArea() != null) {
			// A client is in the area when their postal code starts with one of its
			// prefixes; an empty area serves no one.
			List<Criteria> inArea = filter.serviceArea()
				.stream()
				.map(prefix -> Criteria.where("postalPrefix")
					.regex(Pattern.compile("^" + Pattern.quote(prefix.strip().toUpperCase(Locale.ROOT)))))
				.toList();
			criteria.add(inArea.isEmpty() ? Criteria.where("_id").in(List.of()) : new Criteria().orOperator(inArea));
		}
		if (filter.languages() != null) {
			criteria.add(Criteria.where("languages").in(filter.languages()));
		}
		if (filter.language() != null) {
			criteria.add(Criteria.where("languages").is(filter.language()));
		}
		Query query = new Query(new Criteria().andOperator(criteria));
		long total = this.mongo.count(query, QueueEntry.class);
		query.with(sort("daysWaited", true)).skip((long) chosenPage * chosenSize).limit(chosenSize);
		Instant now = this.clock.instant();
		Duration riskAfter = this.entries.settings().sixtyDayRiskAfter();
		List<QueueItem> items = this.mongo.find(query, QueueEntry.class)
			.stream()
			.map(entry -> QueueItem.of(entry, now, riskAfter))
			.toList();
		return new QueuePage(items, chosenPage, chosenSize, total);
	}

	/**
	 * The possible duplicates a coordinator must resolve, oldest registration first: the
	 * open referrals of their organizations intake flagged, every one for administrators.
	 */
	public List<FlaggedDuplicate> possibleDuplicates(Caller caller) {
		if (!caller.isAdmin() && caller.coordinatedOrganizations().isEmpty()) {
			// Fail closed: a coordinator without an organization sees nothing.
			return List.of();
		}
		Criteria scope = caller.isAdmin() ? new Criteria("_id").exists(true)
				: Criteria.where("organizationId").in(caller.coordinatedOrganizations());
		Query query = new Query(new Criteria().andOperator(scope, Criteria.where("possibleDuplicate").ne(null),
				Criteria.where("status").in(QueueStatus.OPEN)));
		query.with(Sort.by("registeredAt").and(Sort.by("_id")));
		return this.mongo.find(query, QueueEntry.class).stream().map(this::flagged).toList();
	}

	/**
	 * One possible duplicate, for a coordinator of the organization holding it.
	 * @throws NotFoundException when the caller does not hold it or it is not flagged
	 */
	public FlaggedDuplicate possibleDuplicate(String referralId, Caller caller) {
		QueueEntry entry = this.entries.visibleTo(referralId, caller);
		if (QueueEntries.access(entry, caller) != QueueEntries.Access.HOLDER || entry.possibleDuplicate() == null
				|| entry.status() == null || !entry.status().isOpen()) {
			throw new NotFoundException("possible duplicate");
		}
		return flagged(entry);
	}

	private FlaggedDuplicate flagged(QueueEntry entry) {
		PossibleDuplicate flag = Objects.requireNonNull(entry.possibleDuplicate());
		// Of the other referral, only who referred it and when: its person comes from
		// referral-service.
		QueueEntry other = this.entries.find(flag.otherReferralId()).orElse(null);
		return new FlaggedDuplicate(item(entry), flag, (other != null) ? other.partnerId() : null,
				(other != null) ? other.registeredAt() : null);
	}

	/**
	 * A referral intake flagged as perhaps another referral's person.
	 *
	 * @param referral the flagged referral
	 * @param flag the other referral and what matched
	 * @param otherReferrer the other referral's partner, or null for a self-referral or
	 * one this service does not know
	 * @param otherRegisteredAt when the other referral's wait started, when known
	 */
	public record FlaggedDuplicate(QueueItem referral, PossibleDuplicate flag, @Nullable String otherReferrer,
			@Nullable Instant otherRegisteredAt) {
	}

	/**
	 * What narrows the network queue.
	 *
	 * @param serviceArea postal-code prefixes the client must live in, or null for any
	 * @param languages languages of which the client must accept one, or null for any
	 * @param language a language the client must accept, or null for any
	 */
	public record NetworkFilter(@Nullable List<String> serviceArea, @Nullable List<String> languages,
			@Nullable String language) {

		public static NetworkFilter none() {
			return new NetworkFilter(null, null, null);
		}

	}

	/** The referrals someone must still follow: open ones, and crisis redirections. */
	private static Criteria openOrFlagged() {
		return new Criteria().orOperator(Criteria.where("status").in(QueueStatus.OPEN),
				Criteria.where("reviewCauses").is(ReviewCause.CRISIS_FOLLOW_UP.name()));
	}

	private static Sort sort(String field, boolean descending) {
		Sort.Direction direction = descending ? Sort.Direction.DESC : Sort.Direction.ASC;
		// The longest wait is the earliest registration.
		Sort.Direction registration = switch (field) {
			case "daysWaited" -> descending ? Sort.Direction.ASC : Sort.Direction.DESC;
			case "registeredAt" -> direction;
			default -> Sort.Direction.ASC;
		};
		Sort sort = switch (field) {
			case "daysWaited", "registeredAt" -> Sort.unsorted();
			default -> Sort.by(direction, field);
		};
		return sort.and(Sort.by(registration, "registeredAt")).and(Sort.by(Sort.Direction.ASC, "_id"));
	}

	/**
	 * One entry as the queue shows it now.
	 */
	public QueueItem item(QueueEntry entry) {
		return QueueItem.of(entry, this.clock.instant(), this.entries.settings().sixtyDayRiskAfter());
	}

	/**
	 * One referral with its timeline, if the caller may see it.
	 */
	public QueueDetail detail(String referralId, Caller caller) {
		QueueEntry entry = this.entries.visibleTo(referralId, caller);
		QueueEntries.Access access = QueueEntries.access(entry, caller);
		List<Step> timeline = this.notes.timeline(entry);
		if (access == QueueEntries.Access.FORMER || access == QueueEntries.Access.HOST) {
			// Another organization's reasons stay with it: the timeline reads without
			// them.
			timeline = timeline.stream().map(step -> step.withReason(null)).toList();
		}
		return new QueueDetail(item(entry), timeline, access,
				entry.actionsFor(access).stream().map(CoordinatorAction::path).toList(), linkedHere(entry, timeline),
				linkedTo(entry));
	}

	/** The referral this one joined as the same person, as its page names it. */
	private @Nullable LinkedReferral linkedTo(QueueEntry entry) {
		String joined = entry.duplicateOf();
		if (joined == null) {
			return null;
		}
		return this.entries.find(joined)
			.map(LinkedReferral::queued)
			.orElseGet(() -> new LinkedReferral(joined, false, null, null, false, null));
	}

	/**
	 * The referrals found to be this one's person: linked by a coordinator (they left the
	 * queue for this one) or by intake at once (they never reached the queue).
	 */
	private List<LinkedReferral> linkedHere(QueueEntry entry, List<Step> timeline) {
		Map<String, LinkedReferral> linked = new LinkedHashMap<>();
		this.mongo
			.find(new Query(Criteria.where(DuplicateIndexes.DUPLICATE_OF).is(entry.getId())).with(Sort.by("_id")),
					QueueEntry.class)
			.forEach(other -> linked.put(other.getId(), LinkedReferral.queued(other)));
		for (Step step : timeline) {
			if (step.what() != StepKind.DUPLICATE_LINKED || step.detail() == null) {
				continue;
			}
			String[] parts = step.detail().split(" ", 2);
			// This entry's own link names the referral it joined, not one that joined it.
			if (parts[0].equals(entry.duplicateOf())) {
				continue;
			}
			// Linked on arrival: its step says when and, since it carries it, whose.
			String partner = (parts.length == 2 && !parts[1].equals(QueueEntry.SELF_REFERRAL)) ? parts[1] : null;
			linked.putIfAbsent(parts[0], new LinkedReferral(parts[0], false, step.at(), partner,
					parts.length == 2 && parts[1].equals(QueueEntry.SELF_REFERRAL), null));
		}
		return List.copyOf(linked.values());
	}

	/**
	 * One page of the queue.
	 *
	 * @param items the entries
	 * @param page the page number, from 0
	 * @param size the page size
	 * @param total how many entries match the filters
	 */
	public record QueuePage(List<QueueItem> items, int page, int size, long total) {
	}

	/**
	 * One referral and its timeline.
	 *
	 * @param referral the referral as the queue shows it
	 * @param timeline every step, oldest first
	 * @param access how the caller sees it: the holder, from the network queue, or
	 * read-only for an organization it left
	 * @param actions the actions the caller may take now
	 * @param linkedHere the referrals linked to this one as the same person
	 * @param linkedToReferral the referral this one was linked to as the same person, in
	 * words' terms (when it was received, whose it is), or null
	 */
	public record QueueDetail(QueueItem referral, List<Step> timeline, QueueEntries.Access access, List<String> actions,
			List<LinkedReferral> linkedHere, @Nullable LinkedReferral linkedToReferral) {
	}

	/**
	 * A referral linked to another one as the same person, with what a page names it by
	 * instead of its id.
	 *
	 * @param referralId the linked referral
	 * @param inQueue whether it has a page here: a coordinator linked it after it was
	 * queued, rather than intake on arrival
	 * @param receivedAt when it was received (for one linked on arrival, when it was
	 * linked), or null when not known
	 * @param referrer the referring partner's id, or null for a self-referral or when not
	 * known
	 * @param selfReferral whether the client referred themself
	 * @param status where it stands in the queue, or null for one that never reached it
	 */
	public record LinkedReferral(String referralId, boolean inQueue, @Nullable Instant receivedAt,
			@Nullable String referrer, boolean selfReferral, @Nullable QueueStatus status) {

		static LinkedReferral queued(QueueEntry entry) {
			return new LinkedReferral(entry.getId(), true, entry.registeredAt(), entry.partnerId(),
					entry.selfReferred(), entry.status());
		}

	}

	/**
	 * One referral as coordinators see it: codes and attributes, no personal data.
	 *
	 * @param status where it stands
	 * @param stateSince since when
	 * @param registeredAt when the wait started
	 * @param daysWaited whole days since registration
	 * @param organizationId the organization, once known
	 * @param referrer the referring partner, or null for a self-referral
	 * @param priority the referrer's priority
	 * @param languages the client's languages
	 * @param approaches wanted approaches
	 * @param clientele who comes to therapy
	 * @param modality wanted modality
	 * @param feeBand the fee band the sliding scale gave
	 * @param proposal the current proposal and its explanation, or null
	 * @param therapistId the therapist confirmed or chosen, or null
	 * @param noMatchReasons why no therapist fits now, when waiting
	 * @param sixtyDayRisk whether the client will pass 60 days unless something changes
	 * @param reviewCauses why coordinators were asked to look
	 * @param revision the version to send back in {@code If-Match} with an action
	 * @param linkedTo the referral this one was linked to as the same person, or null
	 */
	public record QueueItem(String referralId, @Nullable QueueStatus status, @Nullable Instant stateSince,
			@Nullable Instant registeredAt, @Nullable Long daysWaited, @Nullable String organizationId,
			@Nullable String referrer, @Nullable Priority priority, List<String> languages, List<Approach> approaches,
			@Nullable Clientele clientele, @Nullable Modality modality, FeeBand feeBand,
			@Nullable ProposalMadeV1 proposal, @Nullable String therapistId, List<String> noMatchReasons,
			boolean sixtyDayRisk, List<ReviewCause> reviewCauses, long revision, @Nullable String linkedTo) {

		static QueueItem of(QueueEntry entry, Instant now, Duration riskAfter) {
			Long days = (entry.registeredAt() != null) ? Duration.between(entry.registeredAt(), now).toDays() : null;
			return new QueueItem(entry.getId(), entry.status(), entry.stateSince(), entry.registeredAt(), days,
					entry.organizationId(), entry.partnerId(), entry.priority(), entry.registration().languages(),
					entry.registration().approaches(), entry.registration().clientele(),
					entry.registration().modality(), entry.registration().feeBand(), entry.currentProposal(),
					entry.therapistId(), entry.noMatchReasons(), entry.atSixtyDayRisk(now, riskAfter),
					entry.reviewCauses(), entry.revision(), entry.duplicateOf());
		}

	}

}

package ca.aiguillage.matching.proposal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ca.aiguillage.matching.directory.Therapist;
import ca.aiguillage.matching.directory.TherapistSaved;
import ca.aiguillage.matching.directory.Therapists;
import ca.aiguillage.matching.network.Organizations;
import ca.aiguillage.matching.network.VideoPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The directory in memory, as the policy scans it: loaded once, then refreshed one
 * therapist at a time by this instance's writes and by the directory change events of
 * every instance. It may lag a moment behind the database; the conditional reservation
 * catches that, and the matcher refreshes the therapist it lost a race on.
 */
@Component
public class DirectorySnapshot implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(DirectorySnapshot.class);

	private final Therapists therapists;

	private final Organizations organizations;

	private final VideoPool videoPool;

	private volatile Roster roster;

	DirectorySnapshot(Therapists therapists, Organizations organizations, VideoPool videoPool) {
		this.therapists = therapists;
		this.organizations = organizations;
		this.videoPool = videoPool;
		this.roster = build(List.of());
	}

	@Override
	public void afterSingletonsInstantiated() {
		reload();
	}

	/** The directory now. */
	public Roster roster() {
		return this.roster;
	}

	/** Reads the whole directory again; also a safety net for a missed change event. */
	@Scheduled(initialDelayString = "${matching.snapshot.full-refresh:PT1M}",
			fixedDelayString = "${matching.snapshot.full-refresh:PT1M}")
	public synchronized void reload() {
		List<Therapist> all = this.therapists.all();
		this.roster = build(all);
		log.debug("Directory snapshot reloaded: {} therapists", all.size());
	}

	/** Takes in a therapist as just saved by this instance. */
	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void saved(TherapistSaved saved) {
		refresh(saved.therapist());
	}

	/** Reads one therapist again, after a change event or a lost race. */
	public void refresh(String therapistId) {
		this.therapists.find(therapistId).ifPresent(this::refresh);
	}

	synchronized void refresh(Therapist therapist) {
		Candidate current = this.roster.find(therapist.getId());
		if (current != null && current.version > versionOf(therapist)) {
			// An older read than what we hold: keep the newer one.
			return;
		}
		Roster next = this.roster.with(candidate(therapist));
		this.roster = new Roster(next.candidates, next.reach, usualOrganizations(next), next.videoPool);
	}

	private Roster build(List<Therapist> all) {
		Map<String, Map<String, Integer>> counts = new HashMap<>();
		all.forEach(therapist -> count(counts, therapist));
		return new Roster(all.stream().map(DirectorySnapshot::candidate).toList(), this.organizations::reaches,
				usual(counts), this.videoPool.organizations());
	}

	private static Map<String, String> usualOrganizations(Roster next) {
		// Recounted from the candidates' holders: cheap next to a reservation's write.
		Map<String, Map<String, Integer>> counts = new HashMap<>();
		for (Candidate candidate : next.candidates) {
			candidate.partnersHolding.forEach(partner -> counts.computeIfAbsent(partner, p -> new HashMap<>())
				.merge(candidate.organizationId, 1, Integer::sum));
		}
		return usual(counts);
	}

	private static void count(Map<String, Map<String, Integer>> counts, Therapist therapist) {
		therapist.partnersHolding()
			.forEach(partner -> counts.computeIfAbsent(partner, p -> new HashMap<>())
				.merge(therapist.organizationId(), 1, Integer::sum));
	}

	/** Per partner, the organization holding most of its referrals (ties: smaller id). */
	private static Map<String, String> usual(Map<String, Map<String, Integer>> counts) {
		Map<String, String> usual = new HashMap<>();
		counts.forEach((partner, byOrganization) -> byOrganization.entrySet()
			.stream()
			.max(Map.Entry.<String, Integer>comparingByValue()
				.thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
			.ifPresent(entry -> usual.put(partner, entry.getKey())));
		return usual;
	}

	private static long versionOf(Therapist therapist) {
		return (therapist.getVersion() != null) ? therapist.getVersion() : -1;
	}

	static Candidate candidate(Therapist therapist) {
		Candidate candidate = new Candidate(therapist.getId(), therapist.organizationId(), therapist.firstName(),
				therapist.active(), therapist.languages(), therapist.approaches(), therapist.clienteles(),
				therapist.modalities(), therapist.openAvailability(), therapist.places(), therapist.freeRegularPlaces(),
				therapist.freeLowFeePlaces());
		candidate.version = versionOf(therapist);
		candidate.partnersHolding = therapist.partnersHolding();
		return candidate;
	}

}

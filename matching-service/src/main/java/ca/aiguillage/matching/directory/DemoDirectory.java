package ca.aiguillage.matching.directory;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Demo data: four member organizations of the network and forty fictional therapists
 * whose languages, approaches, clienteles and modalities follow the shares of the
 * simulation defaults ({@code shared/context/simulation-defaults.md} §1, §3, §4). The
 * same seed gives the same directory every time, and an entry that exists is never
 * overwritten.
 */
@Component
class DemoDirectory implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDirectory.class);

	private static final long SEED = 2001;

	private static final int THERAPISTS = 40;

	/**
	 * Member organizations and how many therapists each has: two in Montréal, Laval,
	 * Outaouais.
	 */
	private static final List<Quota<String>> ORGANIZATIONS = List.of(new Quota<>("org-centre-st-pierre", 13),
			new Quota<>("org-montreal-nord", 10), new Quota<>("org-laval", 9), new Quota<>("org-outaouais", 8));

	private static final List<String> FIRST_NAMES = List.of("Geneviève", "Mathieu", "Isabelle", "Karim", "Sophie",
			"Jean-François", "Nadia", "Alexandre", "Marie-Claude", "Olivier", "Catherine", "Samuel", "Émilie", "Louis",
			"Valérie", "Nicolas", "Fatima", "Simon", "Julie", "Patrick", "Mélanie", "Gabriel", "Annie", "Hugo",
			"Caroline", "David", "Stéphanie", "Marc-André", "Josée", "Félix", "Chantal", "Vincent", "Élise", "Rodrigue",
			"Lucie", "Maxime", "Amélie", "Philippe", "Nathalie", "Étienne");

	/** §3: primary approach of community therapists (30 / 25 / 25 / 12 / 8 %). */
	private static final List<Quota<Approach>> PRIMARY_APPROACHES = List.of(
			new Quota<>(Approach.COGNITIVE_BEHAVIOURAL, 12), new Quota<>(Approach.HUMANISTIC_EXISTENTIAL, 10),
			new Quota<>(Approach.PSYCHODYNAMIC, 10), new Quota<>(Approach.SYSTEMIC, 5),
			new Quota<>(Approach.INTEGRATIVE, 3));

	/** §3: a second approach for 60 % of therapists. */
	private static final int WITH_SECOND_APPROACH = 24;

	/** §1: 55 % of therapists work in English. */
	private static final int ENGLISH = 22;

	/**
	 * §1: a third language for about a quarter of therapists, rounded up so that every
	 * language of the client mix has at least one therapist ("" for none).
	 */
	private static final List<Quota<String>> THIRD_LANGUAGES = List.of(new Quota<>("es", 3), new Quota<>("ar", 2),
			new Quota<>("ht", 1), new Quota<>("zh", 1), new Quota<>("vi", 1), new Quota<>("fa", 1),
			new Quota<>("pt", 1), new Quota<>("it", 1), new Quota<>("", 29));

	/** §4: a quarter of therapists are systemic-capable and take couples and families. */
	private static final int SYSTEMIC_CAPABLE = 10;

	private static final int TAKING_ADOLESCENTS = 8;

	private static final List<Quota<List<Modality>>> MODALITIES = List.of(
			new Quota<>(List.of(Modality.IN_PERSON, Modality.VIDEO), 20), new Quota<>(List.of(Modality.IN_PERSON), 12),
			new Quota<>(List.of(Modality.VIDEO), 8));

	private static final int ON_LEAVE = 2;

	/** Weekday mornings, afternoons and evenings. */
	private static final List<LocalTime[]> HOURS = List.of(hours("09:00", "12:00"), hours("13:00", "16:00"),
			hours("17:30", "20:30"));

	private final Therapists therapists;

	private final DirectorySettings settings;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	DemoDirectory(Therapists therapists, DirectorySettings settings, ApplicationEventPublisher publisher, Clock clock) {
		this.therapists = therapists;
		this.settings = settings;
		this.publisher = publisher;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.settings.demoData()) {
			seed();
		}
	}

	/**
	 * Fills an empty directory with the demo therapists.
	 * @return how many therapists were inserted
	 */
	int seed() {
		if (!this.therapists.isEmpty()) {
			return 0;
		}
		int inserted = 0;
		for (Map.Entry<String, TherapistProfile> entry : profiles().entrySet()) {
			Therapist therapist = new Therapist(entry.getKey());
			therapist.describe(entry.getValue(), this.clock.instant());
			// Two instances starting together both find the directory empty; fixed ids
			// keep one copy.
			if (this.therapists.insertIfAbsent(therapist)) {
				this.publisher.publishEvent(new TherapistSaved(therapist));
				inserted++;
			}
		}
		log.info("Demo directory: {} therapists inserted", inserted);
		return inserted;
	}

	/** The demo therapists by id, t-01 to t-40; the same every time. */
	static Map<String, TherapistProfile> profiles() {
		Random random = new Random(SEED);
		List<String> organizations = spread(ORGANIZATIONS);
		List<Approach> primaries = shuffled(PRIMARY_APPROACHES, random);
		List<Boolean> english = flags(ENGLISH, random);
		List<String> thirdLanguages = shuffled(THIRD_LANGUAGES, random);
		List<Boolean> secondApproach = flags(WITH_SECOND_APPROACH, random);
		List<Boolean> adolescents = flags(TAKING_ADOLESCENTS, random);
		List<List<Modality>> modalities = shuffled(MODALITIES, random);
		List<Boolean> onLeave = flags(ON_LEAVE, random);
		int systemicToAdd = SYSTEMIC_CAPABLE - (int) primaries.stream().filter(Approach.SYSTEMIC::equals).count();

		Map<String, TherapistProfile> profiles = new LinkedHashMap<>();
		for (int i = 0; i < THERAPISTS; i++) {
			Approach primary = primaries.get(i);
			List<Approach> approaches = new ArrayList<>(List.of(primary));
			if (secondApproach.get(i)) {
				if (primary != Approach.SYSTEMIC && systemicToAdd > 0) {
					approaches.add(Approach.SYSTEMIC);
					systemicToAdd--;
				}
				else {
					approaches.add(secondApproach(primary, random));
				}
			}
			List<String> languages = new ArrayList<>(List.of("fr"));
			if (english.get(i)) {
				languages.add("en");
			}
			if (!thirdLanguages.get(i).isEmpty()) {
				languages.add(thirdLanguages.get(i));
			}
			List<Clientele> clienteles = new ArrayList<>(List.of(Clientele.ADULT));
			if (adolescents.get(i)) {
				clienteles.add(Clientele.ADOLESCENT);
			}
			if (approaches.contains(Approach.SYSTEMIC)) {
				clienteles.addAll(List.of(Clientele.COUPLE, Clientele.FAMILY));
			}
			int places = 1 + random.nextInt(5);
			profiles.put(String.format("t-%02d", i + 1),
					new TherapistProfile(organizations.get(i), FIRST_NAMES.get(i), approaches, languages, clienteles,
							modalities.get(i), availability(random), places, random.nextInt(places + 1),
							!onLeave.get(i)));
		}
		if (systemicToAdd > 0) {
			throw new IllegalStateException("The demo seed gives fewer systemic-capable therapists than planned");
		}
		return profiles;
	}

	private static Approach secondApproach(Approach primary, Random random) {
		// Drawn from the primary mix without systemic, whose share the systemic-capable
		// quota already sets.
		List<Approach> pool = spread(PRIMARY_APPROACHES).stream()
			.filter(approach -> approach != primary && approach != Approach.SYSTEMIC)
			.toList();
		return pool.get(random.nextInt(pool.size()));
	}

	/**
	 * Two to four weekday ranges, mornings, afternoons or evenings, on different days.
	 */
	private static List<WeeklySlot> availability(Random random) {
		List<DayOfWeek> days = new ArrayList<>(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
				DayOfWeek.THURSDAY, DayOfWeek.FRIDAY));
		Collections.shuffle(days, random);
		return days.subList(0, 2 + random.nextInt(3)).stream().sorted().map(day -> {
			LocalTime[] hours = HOURS.get(random.nextInt(HOURS.size()));
			return new WeeklySlot(day, hours[0], hours[1]);
		}).toList();
	}

	private static List<Boolean> flags(int trueCount, Random random) {
		return shuffled(List.of(new Quota<>(true, trueCount), new Quota<>(false, THERAPISTS - trueCount)), random);
	}

	private static <T> List<T> shuffled(List<Quota<T>> quotas, Random random) {
		List<T> values = spread(quotas);
		Collections.shuffle(values, random);
		return values;
	}

	private static <T> List<T> spread(List<Quota<T>> quotas) {
		List<T> values = new ArrayList<>();
		quotas.forEach(quota -> values.addAll(Collections.nCopies(quota.count(), quota.value())));
		if (values.size() != THERAPISTS) {
			throw new IllegalStateException("A demo quota does not add up to " + THERAPISTS + ": " + quotas);
		}
		return values;
	}

	private static LocalTime[] hours(String start, String end) {
		return new LocalTime[] { LocalTime.parse(start), LocalTime.parse(end) };
	}

	/** How many of the forty therapists get a value. */
	private record Quota<T>(T value, int count) {
	}

}

package ca.aiguillage.matching.directory;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.matching.network.Organizations;
import ca.aiguillage.testing.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDirectoryTests {

	private final Collection<TherapistProfile> profiles = DemoDirectory.profiles().values();

	private static MongoClient client;

	private MongoTemplate mongo;

	private Therapists therapists;

	@BeforeAll
	static void connect() {
		client = MongoClients.create(EmbeddedMongoServer.uri());
	}

	@AfterAll
	static void disconnect() {
		client.close();
	}

	@BeforeEach
	void useAnEmptyDatabase() {
		this.mongo = new MongoTemplate(client, "demo-" + UUID.randomUUID().toString().substring(0, 8));
		this.therapists = new Therapists(this.mongo);
	}

	@Test
	void seedHasFortyTherapistsInFourOrganizations() {
		assertThat(DemoDirectory.profiles().keySet()).hasSize(40).contains("t-01", "t-40");
		assertThat(this.profiles).extracting(TherapistProfile::organizationId)
			.containsOnly("org-centre-st-pierre", "org-montreal-nord", "org-laval", "org-outaouais");
	}

	@Test
	void everyTherapistWorksInFrenchAndAboutHalfInEnglish() {
		assertThat(this.profiles).allSatisfy(profile -> assertThat(profile.languages()).startsWith("fr"));
		assertThat(this.profiles.stream().filter(profile -> profile.languages().contains("en")).count()).isBetween(18L,
				26L);
	}

	@Test
	void languagesOfTheClientMixBeyondFrenchAndEnglishAreCovered() {
		Set<String> languages = this.profiles.stream()
			.flatMap(profile -> profile.languages().stream())
			.collect(Collectors.toSet());

		assertThat(languages).contains("es", "ar", "ht", "zh", "vi", "fa", "pt", "it");
	}

	@Test
	void aboutAQuarterAreSystemicAndTakeCouplesAndFamilies() {
		List<TherapistProfile> systemic = this.profiles.stream()
			.filter(profile -> profile.approaches().contains(Approach.SYSTEMIC))
			.toList();

		assertThat(systemic).hasSizeBetween(8, 12)
			.allSatisfy(profile -> assertThat(profile.clienteles()).contains(Clientele.COUPLE, Clientele.FAMILY));
		assertThat(this.profiles).filteredOn(profile -> !profile.approaches().contains(Approach.SYSTEMIC))
			.allSatisfy(profile -> assertThat(profile.clienteles()).doesNotContain(Clientele.COUPLE));
	}

	@Test
	void everyProfileIsOneTheDirectoryApiWouldAccept() {
		TherapistValidation validation = new TherapistValidation(Organizations.shipped());

		DemoDirectory.profiles()
			.forEach((id, profile) -> assertThat(validation.violations(id, profile)).as(id).isEmpty());
	}

	@Test
	void profilesMixModalitiesHoursAndPlaces() {
		assertThat(this.profiles).extracting(TherapistProfile::modalities)
			.contains(List.of(Modality.IN_PERSON), List.of(Modality.VIDEO),
					List.of(Modality.IN_PERSON, Modality.VIDEO));
		assertThat(this.profiles).allSatisfy(profile -> {
			assertThat(profile.availability()).hasSizeBetween(2, 4);
			assertThat(profile.places()).isBetween(1, 5);
		});
		assertThat(this.profiles).anySatisfy(profile -> assertThat(profile.lowFeePlaces()).isPositive());
	}

	@Test
	void seedIsTheSameEveryTime() {
		assertThat(DemoDirectory.profiles()).isEqualTo(DemoDirectory.profiles());
	}

	@Test
	void emptyDirectoryIsSeededAtStartUpWhenAskedFor() {
		new DemoDirectory(this.therapists, new DirectorySettings(true), event -> {
		}, Clock.systemUTC()).run(new DefaultApplicationArguments());

		assertThat(this.mongo.count(new Query(), Therapist.class)).isEqualTo(40);
		Therapist stored = this.therapists.find("t-01").orElseThrow();
		assertThat(TherapistView.of(stored)).usingRecursiveComparison()
			.ignoringFields("id", "freePlaces")
			.isEqualTo(DemoDirectory.profiles().get("t-01"));
	}

	@Test
	void directoryIsLeftEmptyUnlessAskedFor() {
		new DemoDirectory(this.therapists, new DirectorySettings(false), event -> {
		}, Clock.systemUTC()).run(new DefaultApplicationArguments());

		assertThat(this.mongo.count(new Query(), Therapist.class)).isZero();
	}

	@Test
	void seedingAgainChangesNothing() {
		DemoDirectory demo = new DemoDirectory(this.therapists, new DirectorySettings(true), event -> {
		}, Clock.systemUTC());
		assertThat(demo.seed()).isEqualTo(40);
		Map<String, Long> versions = versions();

		assertThat(demo.seed()).isZero();
		assertThat(versions()).isEqualTo(versions).hasSize(40);
	}

	@Test
	void seedNeverOverwritesAnEntryThatExists() {
		Therapist edited = new Therapist("t-01");
		TherapistProfile demo = DemoDirectory.profiles().get("t-01");
		edited.describe(
				new TherapistProfile(demo.organizationId(), "Renamed", demo.approaches(), demo.languages(),
						demo.clienteles(), demo.modalities(), demo.availability(), demo.places(), 0, false),
				Instant.now());
		this.therapists.insertIfAbsent(edited);

		boolean inserted = this.therapists.insertIfAbsent(therapist("t-01", demo));

		assertThat(inserted).isFalse();
		assertThat(this.therapists.find("t-01").orElseThrow().firstName()).isEqualTo("Renamed");
	}

	private Map<String, Long> versions() {
		return this.mongo.findAll(Therapist.class)
			.stream()
			.collect(Collectors.toMap(Therapist::getId, Therapist::getVersion));
	}

	private static Therapist therapist(String id, TherapistProfile profile) {
		Therapist therapist = new Therapist(id);
		therapist.describe(profile, Instant.now());
		return therapist;
	}

}

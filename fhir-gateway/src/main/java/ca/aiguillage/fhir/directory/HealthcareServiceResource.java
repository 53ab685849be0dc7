package ca.aiguillage.fhir.directory;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import ca.aiguillage.fhir.conformance.Conformance;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;

/**
 * An organization's psychotherapy service as partners' directories read it: what its
 * active therapists offer, and whether it can take a new client now.
 */
final class HealthcareServiceResource {

	/** SDOH Clinical Care's capacity status extension (STU 3). */
	static final String CAPACITY_STATUS = "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ExtensionHealthcareServiceCapacityStatus";

	/** The system of SDOH Clinical Care's capacity codes. */
	static final String CAPACITY_CODES = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";

	private HealthcareServiceResource() {
	}

	/** The system of the physical types a service area's Locations have. */
	static final String PHYSICAL_TYPES = "http://terminology.hl7.org/CodeSystem/location-physical-type";

	/**
	 * The service of one organization.
	 * @param organizationId the organization
	 * @param therapists its therapists as matching announced them, not empty
	 * @param organization its name and service area, or null when matching did not say
	 * @return the HealthcareService
	 */
	static HealthcareService of(String organizationId, List<Capacities.Therapist> therapists,
			Organizations.@Nullable Organization organization) {
		// One on leave or inactive serves no new client: neither their places nor their
		// languages count.
		List<Capacities.Therapist> active = therapists.stream().filter(Capacities.Therapist::active).toList();
		Capacity capacity = Capacity.of(active);
		HealthcareService service = new HealthcareService();
		service.setId(organizationId);
		service.getMeta()
			.setLastUpdated(Date.from(therapists.stream()
				.map(Capacities.Therapist::changedAt)
				.max(Comparator.naturalOrder())
				.orElse(Instant.EPOCH)));
		Extension status = service.addExtension().setUrl(CAPACITY_STATUS);
		status.addExtension("capacityStatus",
				new CodeableConcept(new Coding(CAPACITY_CODES, capacity.code(), capacity.display())));
		status.addExtension("capacityNotes", new StringType(capacity.notes(active)));
		service.setActive(!active.isEmpty())
			.setProvidedBy(new Reference("Organization/" + organizationId))
			.setName("Psychothérapie")
			.setComment("Psychothérapie en organisme communautaire, orientée par Aiguillage.");
		if (organization != null) {
			service.setName("Psychothérapie – " + organization.name());
			service.getProvidedBy().setDisplay(organization.name());
			for (String prefix : organization.area()) {
				service.addContained(area(prefix));
				service.addCoverageArea(new Reference("#area-" + prefix));
			}
		}
		service.addCategory(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/service-category", "8", "Counselling")));
		for (String language : union(active, Capacities.Therapist::languages)) {
			service.addCommunication(new CodeableConcept(new Coding("urn:ietf:bcp:47", language, null)));
		}
		characteristics(service, active, Capacities.Therapist::approaches, "approach");
		characteristics(service, active, Capacities.Therapist::clienteles, "clientele");
		characteristics(service, active, Capacities.Therapist::modalities, "modality");
		int lowFee = active.stream().mapToInt(Capacities.Therapist::lowFeePlaces).sum();
		if (lowFee > 0) {
			service.addEligibility()
				.setCode(new CodeableConcept().setText("Tarif réduit selon le revenu du ménage"))
				.setComment(lowFee + " place(s) à tarif réduit sur "
						+ active.stream().mapToInt(Capacities.Therapist::places).sum());
		}
		return service;
	}

	/** One postal-code prefix the organization serves in person, as an area. */
	private static Location area(String prefix) {
		Location area = new Location();
		area.setId("area-" + prefix);
		area.setStatus(Location.LocationStatus.ACTIVE)
			.setMode(Location.LocationMode.INSTANCE)
			.setName("Codes postaux " + prefix)
			.setDescription("Les codes postaux qui commencent par " + prefix)
			.setPhysicalType(new CodeableConcept(new Coding(PHYSICAL_TYPES, "area", "Area")))
			.setAddress(new Address().setPostalCode(prefix).setState("QC").setCountry("CA"));
		return area;
	}

	private static void characteristics(HealthcareService service, List<Capacities.Therapist> active,
			Function<Capacities.Therapist, List<String>> codes, String codeSystem) {
		for (String code : union(active, codes)) {
			service.addCharacteristic(
					new CodeableConcept(new Coding(Conformance.BASE + "/CodeSystem/" + codeSystem, code, null)));
		}
	}

	private static Set<String> union(List<Capacities.Therapist> therapists,
			Function<Capacities.Therapist, List<String>> values) {
		Set<String> union = new TreeSet<>();
		therapists.forEach(therapist -> union.addAll(values.apply(therapist)));
		return union;
	}

	/** SDOH Clinical Care's capacity status, from the active therapists' free places. */
	enum Capacity {

		CAPACITY("capacity", "Has Capacity"),

		WAITLIST("waitlist", "No Capacity - Has Waitlist"),

		NO_CAPACITY("no-capacity", "No Capacity");

		private final String code;

		private final String display;

		Capacity(String code, String display) {
			this.code = code;
			this.display = display;
		}

		static Capacity of(List<Capacities.Therapist> active) {
			if (active.isEmpty()) {
				return NO_CAPACITY;
			}
			// Every referral that finds no free place waits in the network's queue.
			return (free(active) > 0) ? CAPACITY : WAITLIST;
		}

		private static int free(List<Capacities.Therapist> active) {
			return active.stream().mapToInt(Capacities.Therapist::freePlaces).sum();
		}

		String code() {
			return this.code;
		}

		String display() {
			return this.display;
		}

		String notes(List<Capacities.Therapist> active) {
			return switch (this) {
				case CAPACITY -> free(active) + " place(s) libre(s) maintenant";
				case WAITLIST -> "Aucune place libre maintenant : la demande attend dans la file du réseau";
				case NO_CAPACITY -> "Aucun thérapeute ne prend de nouveaux clients";
			};
		}

	}

}

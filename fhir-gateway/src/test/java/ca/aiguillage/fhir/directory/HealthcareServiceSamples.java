package ca.aiguillage.fhir.directory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.instance.model.api.IBaseResource;

/** The HealthcareService of each capacity, as partners read it, for the validator. */
public final class HealthcareServiceSamples {

	private static final Organizations.Organization LAVAL = new Organizations.Organization("org-laval", "GASM Laval",
			List.of("H7", "J7E"));

	private HealthcareServiceSamples() {
	}

	public static Map<String, IBaseResource> all() {
		Map<String, IBaseResource> services = new LinkedHashMap<>();
		services.put("`HealthcareService` capacity, with name and service area",
				HealthcareServiceResource.of("org-laval", List.of(therapist(true, 2)), LAVAL));
		services.put("`HealthcareService` waitlist",
				HealthcareServiceResource.of("org-laval", List.of(therapist(true, 0)), LAVAL));
		services.put("`HealthcareService` no-capacity",
				HealthcareServiceResource.of("org-laval", List.of(therapist(false, 2)), LAVAL));
		services.put("`HealthcareService` when matching-service did not answer",
				HealthcareServiceResource.of("org-laval", List.of(therapist(true, 2)), null));
		return services;
	}

	private static Capacities.Therapist therapist(boolean active, int free) {
		return new Capacities.Therapist("t-1", "org-laval", active, 3, 1, free, Instant.parse("2026-12-03T17:00:00Z"),
				List.of("fr", "es"), List.of("SYSTEMIC"), List.of("ADULT"), List.of("VIDEO"));
	}

}

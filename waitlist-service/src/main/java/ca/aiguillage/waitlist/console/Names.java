package ca.aiguillage.waitlist.console;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Therapist, organization and partner names by id, as matching-service and this service's
 * configuration gave them for one page.
 *
 * @param therapists first names by therapist id
 * @param organizations names by organization id
 * @param partners referring partners' names by partner id
 */
record Names(Map<String, String> therapists, Map<String, String> organizations, Map<String, String> partners) {

	Names(Map<String, String> therapists, Map<String, String> organizations) {
		this(therapists, organizations, Map.of());
	}

	static Names none() {
		return new Names(Map.of(), Map.of());
	}

	Names withPartners(Map<String, String> partners) {
		return new Names(this.therapists, this.organizations, partners);
	}

	@Nullable String therapist(@Nullable String id) {
		return (id != null) ? this.therapists.get(id) : null;
	}

	@Nullable String organization(@Nullable String id) {
		return (id != null) ? this.organizations.get(id) : null;
	}

	@Nullable String partner(@Nullable String id) {
		return (id != null) ? this.partners.get(id) : null;
	}

}

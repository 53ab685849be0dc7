package ca.aiguillage.waitlist.console;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Therapist and organization names by id, as matching-service gave them for one page.
 *
 * @param therapists first names by therapist id
 * @param organizations names by organization id
 */
record Names(Map<String, String> therapists, Map<String, String> organizations) {

	static Names none() {
		return new Names(Map.of(), Map.of());
	}

	@Nullable String therapist(@Nullable String id) {
		return (id != null) ? this.therapists.get(id) : null;
	}

	@Nullable String organization(@Nullable String id) {
		return (id != null) ? this.organizations.get(id) : null;
	}

}

package ca.aiguillage.matching.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.platform.web.FieldViolation;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The field rules of a therapist's directory entry and of the directory's list filters.
 * Each violation names the field and a message code; values are never echoed.
 */
@Component
class TherapistValidation {

	/** The id format of the event contracts, so that every id can travel in an event. */
	private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:/-]{1,64}$");

	private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

	private static final int LONGEST_NAME = 100;

	private static final int LARGEST_PAGE = 100;

	List<FieldViolation> listingViolations(int page, int size, @Nullable String language, @Nullable String approach) {
		List<FieldViolation> violations = new ArrayList<>();
		Check check = new Check(violations);
		check.rule("page", page >= 0, "invalid.negative");
		check.rule("size", size >= 1 && size <= LARGEST_PAGE, "invalid.pageSize");
		check.rule("language", language == null || LANGUAGES.contains(language), "invalid.language");
		check.rule("approach",
				approach == null || Arrays.stream(Approach.values()).anyMatch(value -> value.name().equals(approach)),
				"invalid.approach");
		return violations;
	}

	List<FieldViolation> violations(String id, TherapistProfile profile) {
		List<FieldViolation> violations = new ArrayList<>();
		Check check = new Check(violations);
		check.rule("id", ID.matcher(id).matches(), "invalid.id");
		if (check.requiredText("organizationId", profile.organizationId())) {
			check.rule("organizationId", ID.matcher(profile.organizationId()).matches(), "invalid.id");
		}
		if (check.requiredText("firstName", profile.firstName())) {
			check.rule("firstName", profile.firstName().length() <= LONGEST_NAME, "invalid.tooLong");
		}
		check.nonEmpty("approaches", profile.approaches());
		if (check.nonEmpty("languages", profile.languages())) {
			for (int i = 0; i < profile.languages().size(); i++) {
				check.rule("languages[" + i + "]", LANGUAGES.contains(profile.languages().get(i)), "invalid.language");
			}
		}
		check.nonEmpty("clienteles", profile.clienteles());
		if (check.nonEmpty("modalities", profile.modalities())) {
			for (int i = 0; i < profile.modalities().size(); i++) {
				check.rule("modalities[" + i + "]", profile.modalities().get(i) != Modality.EITHER,
						"invalid.modality.either");
			}
		}
		if (check.nonEmpty("availability", profile.availability())) {
			availability(profile.availability(), check);
		}
		if (check.required("places", profile.places())) {
			check.rule("places", profile.places() >= 0, "invalid.negative");
		}
		if (check.required("lowFeePlaces", profile.lowFeePlaces())) {
			check.rule("lowFeePlaces", profile.lowFeePlaces() >= 0, "invalid.negative");
			if (profile.places() != null) {
				check.rule("lowFeePlaces", profile.lowFeePlaces() <= profile.places(),
						"invalid.lowFeePlaces.exceedsPlaces");
			}
		}
		check.required("active", profile.active());
		return violations;
	}

	private static void availability(List<WeeklySlot> slots, Check check) {
		for (int i = 0; i < slots.size(); i++) {
			WeeklySlot slot = slots.get(i);
			String field = "availability[" + i + "]";
			if (slot == null || slot.day() == null || slot.start() == null || slot.end() == null) {
				check.rule(field, false, "required");
				continue;
			}
			check.rule(field, slot.start().isBefore(slot.end()), "invalid.slot.endsBeforeStart");
		}
		List<WeeklySlot> sorted = slots.stream()
			.filter(slot -> slot != null && slot.day() != null && slot.start() != null && slot.end() != null)
			.sorted(Comparator.comparing(WeeklySlot::day).thenComparing(WeeklySlot::start))
			.toList();
		for (int i = 1; i < sorted.size(); i++) {
			WeeklySlot previous = sorted.get(i - 1);
			WeeklySlot slot = sorted.get(i);
			if (previous.day() == slot.day() && slot.start().isBefore(previous.end())) {
				check.rule("availability[" + slots.indexOf(slot) + "]", false, "invalid.slot.overlaps");
			}
		}
	}

	/**
	 * Collects violations; each check says whether the value is there to check further.
	 */
	private record Check(List<FieldViolation> violations) {

		boolean required(String field, @Nullable Object value) {
			return rule(field, value != null, "required");
		}

		boolean requiredText(String field, @Nullable String value) {
			return rule(field, value != null && !value.isBlank(), "required");
		}

		boolean nonEmpty(String field, @Nullable List<?> values) {
			if (!rule(field, values != null && !values.isEmpty(), "required")) {
				return false;
			}
			boolean complete = true;
			for (int i = 0; i < values.size(); i++) {
				complete &= rule(field + "[" + i + "]", values.get(i) != null, "required");
			}
			return complete;
		}

		boolean rule(String field, boolean holds, String code) {
			if (!holds) {
				this.violations.add(new FieldViolation(field, code));
			}
			return holds;
		}

	}

}

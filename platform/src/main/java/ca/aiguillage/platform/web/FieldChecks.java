package ca.aiguillage.platform.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ca.aiguillage.contracts.common.WeeklySlot;
import org.jspecify.annotations.Nullable;

/**
 * Collects the field rules a request breaks, with the message code of each. Each check
 * says whether the value is there and sound, so that a caller checks further only what
 * exists.
 */
public final class FieldChecks {

	private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

	private final List<FieldViolation> violations = new ArrayList<>();

	public boolean rule(String field, boolean holds, String code) {
		if (!holds) {
			this.violations.add(new FieldViolation(field, code));
		}
		return holds;
	}

	public boolean required(String field, @Nullable Object value) {
		return rule(field, value != null, "required");
	}

	public boolean requiredText(String field, @Nullable String value) {
		return rule(field, value != null && !value.isBlank(), "required");
	}

	/**
	 * A list that must have at least one element, and no missing element.
	 * @param field the list's field
	 * @param values the list
	 * @return true when the list is there, not empty and complete
	 */
	public boolean nonEmpty(String field, @Nullable List<?> values) {
		if (!rule(field, values != null && !values.isEmpty(), "required")) {
			return false;
		}
		boolean complete = true;
		for (int i = 0; i < values.size(); i++) {
			complete &= rule(field + "[" + i + "]", values.get(i) != null, "required");
		}
		return complete;
	}

	/**
	 * An ISO 639-1 language code.
	 * @param field the field's name in the problem detail
	 * @param code the code, or null when absent is allowed
	 * @return true when absent or known
	 */
	public boolean language(String field, @Nullable String code) {
		return rule(field, code == null || LANGUAGES.contains(code), "invalid.language");
	}

	/**
	 * Weekly time ranges: each complete, ending after it starts, none overlapping another
	 * on the same day.
	 * @param field the list's field
	 * @param slots the ranges
	 */
	public void weeklyAvailability(String field, List<WeeklySlot> slots) {
		for (int i = 0; i < slots.size(); i++) {
			WeeklySlot slot = slots.get(i);
			if (slot == null || slot.day() == null || slot.start() == null || slot.end() == null) {
				rule(field + "[" + i + "]", false, "required");
				continue;
			}
			rule(field + "[" + i + "]", slot.start().isBefore(slot.end()), "invalid.slot.endsBeforeStart");
		}
		List<WeeklySlot> sorted = slots.stream()
			.filter(slot -> slot != null && slot.day() != null && slot.start() != null && slot.end() != null)
			.sorted(Comparator.comparing(WeeklySlot::day).thenComparing(WeeklySlot::start))
			.toList();
		for (int i = 1; i < sorted.size(); i++) {
			WeeklySlot previous = sorted.get(i - 1);
			WeeklySlot slot = sorted.get(i);
			if (previous.day() == slot.day() && slot.start().isBefore(previous.end())) {
				rule(field + "[" + slots.indexOf(slot) + "]", false, "invalid.slot.overlaps");
			}
		}
	}

	public List<FieldViolation> violations() {
		return List.copyOf(this.violations);
	}

}

package ca.aiguillage.matching.directory;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.WeeklySlot;
import ca.aiguillage.platform.web.FieldViolation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.MultiValueMap;

/**
 * What the directory page's form sends, read into the API's {@link TherapistProfile} so
 * that one {@link TherapistValidation} judges both; a number or an hour that does not
 * read is named here, beside its field.
 *
 * @param profile the profile as read, its unreadable fields left empty
 * @param unreadable the fields that did not read
 */
record TherapistForm(TherapistProfile profile, List<FieldViolation> unreadable) {

	/** How many weekly ranges the form offers. */
	static final int RANGES = 5;

	static TherapistForm read(MultiValueMap<String, String> form, String organizationId) {
		List<FieldViolation> unreadable = new ArrayList<>();
		List<WeeklySlot> availability = new ArrayList<>();
		for (int i = 0; i < RANGES; i++) {
			String day = form.getFirst("day" + i);
			if (day == null || day.isBlank()) {
				continue;
			}
			try {
				availability.add(new WeeklySlot(DayOfWeek.valueOf(day), LocalTime.parse(text(form, "start" + i)),
						LocalTime.parse(text(form, "end" + i))));
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				unreadable.add(new FieldViolation("availability", "invalid.type"));
			}
		}
		String active = form.getFirst("active");
		TherapistProfile profile = new TherapistProfile(organizationId, form.getFirst("firstName"),
				values(form, "approaches", Approach.class), languages(form),
				values(form, "clienteles", Clientele.class), values(form, "modalities", Modality.class), availability,
				number(form, "places", unreadable), number(form, "lowFeePlaces", unreadable),
				(active == null) ? null : Boolean.valueOf(active));
		return new TherapistForm(profile, unreadable);
	}

	private static List<String> languages(MultiValueMap<String, String> form) {
		List<String> languages = new ArrayList<>(form.getOrDefault("languages", List.of()));
		String others = form.getFirst("otherLanguages");
		if (others != null) {
			Arrays.stream(others.split("[\\s,]+")).filter(code -> !code.isBlank()).map(String::strip).forEach(code -> {
				if (!languages.contains(code)) {
					languages.add(code);
				}
			});
		}
		return languages;
	}

	private static <E extends Enum<E>> List<E> values(MultiValueMap<String, String> form, String field, Class<E> type) {
		// The form offers only the enum's own values: anything else was not sent by it.
		return form.getOrDefault(field, List.of())
			.stream()
			.filter(value -> Arrays.stream(type.getEnumConstants()).anyMatch(constant -> constant.name().equals(value)))
			.map(value -> Enum.valueOf(type, value))
			.toList();
	}

	private static @Nullable Integer number(MultiValueMap<String, String> form, String field,
			List<FieldViolation> unreadable) {
		String value = form.getFirst(field);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			unreadable.add(new FieldViolation(field, "invalid.type"));
			return 0;
		}
	}

	private static String text(MultiValueMap<String, String> form, String field) {
		String value = form.getFirst(field);
		return (value != null) ? value : "";
	}

}

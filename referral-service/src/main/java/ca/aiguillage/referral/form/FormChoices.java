package ca.aiguillage.referral.form;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;

import ca.aiguillage.contracts.common.Approach;
import ca.aiguillage.contracts.common.Clientele;
import ca.aiguillage.contracts.common.Modality;
import ca.aiguillage.contracts.common.Priority;

/**
 * The choices the referral forms offer, in the order shown.
 *
 * @param languages ISO 639-1 codes of the languages offered as checkboxes
 * @param priorities the referrer's priority codes
 * @param days the days of the week, Monday first
 */
public record FormChoices(List<String> languages, List<String> clienteles, List<String> approaches,
		List<String> modalities, List<String> priorities, List<String> days) {

	public static final FormChoices ALL = new FormChoices(
			List.of("fr", "en", "es", "ar", "zh", "ht", "pt", "it", "vi", "fa", "ru", "ta"), names(Clientele.values()),
			names(Approach.values()), names(Modality.values()), names(Priority.values()), names(DayOfWeek.values()));

	private static List<String> names(Enum<?>[] values) {
		return Arrays.stream(values).map(Enum::name).toList();
	}

}

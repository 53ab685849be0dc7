package ca.aiguillage.referral.form;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ca.aiguillage.platform.web.FieldViolation;

import org.springframework.context.MessageSource;

/**
 * A form's field errors, by field name, in the page's language: the same codes and
 * messages as the API's problem details.
 */
public final class FormErrors {

	private final Map<String, String> byField = new LinkedHashMap<>();

	public FormErrors(List<FieldViolation> violations, MessageSource messages, Locale locale) {
		for (FieldViolation violation : violations) {
			this.byField.putIfAbsent(violation.field(),
					messages.getMessage("field." + violation.code(), null, violation.code(), locale));
		}
	}

	public static FormErrors none(MessageSource messages, Locale locale) {
		return new FormErrors(List.of(), messages, locale);
	}

	/**
	 * The message for a field or any of its elements, such as
	 * {@code needs.availability[1]} for {@code needs.availability}.
	 * @param field the field's name in the form
	 * @return the message, or null
	 */
	public String of(String field) {
		String exact = this.byField.get(field);
		if (exact != null) {
			return exact;
		}
		return this.byField.entrySet()
			.stream()
			.filter(entry -> entry.getKey().startsWith(field + "[") || entry.getKey().startsWith(field + "."))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	public boolean has(String field) {
		return of(field) != null;
	}

	/**
	 * Every error, for the summary at the top of the form.
	 * @return message by field
	 */
	public Map<String, String> all() {
		return this.byField;
	}

	/**
	 * The HTML id of a field's input, for the summary's links.
	 * @param field the field's name
	 * @return the id
	 */
	public static String id(String field) {
		return field.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
	}

	/**
	 * The HTML id of a field's input, for templates.
	 * @param field the field's name
	 * @return the id
	 */
	public String idOf(String field) {
		return id(field);
	}

	/**
	 * Whether an availability row has an error.
	 * @param row the row, from 0
	 * @return true when it has one
	 */
	public boolean hasSlot(int row) {
		return has("needs.availability[" + row + "]");
	}

	public boolean isEmpty() {
		return this.byField.isEmpty();
	}

}

package ca.aiguillage.referral.form;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.aiguillage.platform.web.FieldViolation;

import org.springframework.context.MessageSource;

/**
 * A form's field errors, by field name, in the page's language: the same codes and
 * messages as the API's problem details.
 */
public final class FormErrors {

	private static final Pattern AVAILABILITY_ROW = Pattern.compile("^needs\\.availability\\[(\\d+)\\]");

	private static final Pattern ELEMENT = Pattern.compile("\\[\\d+\\].*$");

	private final Map<String, String> byField = new LinkedHashMap<>();

	private final MessageSource messages;

	private final Locale locale;

	public FormErrors(List<FieldViolation> violations, MessageSource messages, Locale locale) {
		this.messages = messages;
		this.locale = locale;
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
	 * Every error named by its field, for a summary that people read without the form
	 * beside it: « Prénom : ce champ est obligatoire. », each linking to its field.
	 * @return the lines, in the form's order of the errors
	 */
	public List<Line> named() {
		return this.byField.entrySet().stream().map(error -> {
			String field = error.getKey();
			String general = ELEMENT.matcher(field).replaceAll("");
			String label = this.messages.getMessage("summary." + general, null, general, this.locale);
			return new Line(target(field),
					label + (this.locale.getLanguage().equals("fr") ? " : " : ": ") + lowerFirst(error.getValue()));
		}).toList();
	}

	// An availability row's error sits on the row, whose first input is its day.
	private static String target(String field) {
		Matcher row = AVAILABILITY_ROW.matcher(field);
		return row.find() ? "slot-day-" + row.group(1) : id(field);
	}

	// « Ce champ » becomes « ce champ » after the label; an acronym such as « SMS »
	// stays.
	private static String lowerFirst(String message) {
		if (message.length() < 2 || Character.isUpperCase(message.charAt(1))) {
			return message;
		}
		return Character.toLowerCase(message.charAt(0)) + message.substring(1);
	}

	/**
	 * One line of the summary.
	 *
	 * @param id the HTML id of the field it links to
	 * @param text the field's name and what is wrong with it
	 */
	public record Line(String id, String text) {
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

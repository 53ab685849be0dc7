package ca.aiguillage.notification.contacts;

import org.jspecify.annotations.Nullable;

/** The only form in which an address may be logged or stored: enough to recognise it. */
public final class Masks {

	private static final String DOT = "\u2022";

	private Masks() {
	}

	/**
	 * {@code camille@exemple.ca} becomes {@code c•••@exemple.ca}.
	 * @param email an address, or null
	 * @return the masked address, or an empty string
	 */
	public static String email(@Nullable String email) {
		if (email == null || email.isBlank()) {
			return "";
		}
		int at = email.indexOf('@');
		if (at <= 0) {
			return DOT.repeat(3);
		}
		return email.charAt(0) + DOT.repeat(3) + email.substring(at);
	}

	/**
	 * {@code +15145550123} becomes {@code +1 514 •••-••23}.
	 * @param phone a number in E.164, or null
	 * @return the masked number, or an empty string
	 */
	public static String phone(@Nullable String phone) {
		if (phone == null || phone.isBlank()) {
			return "";
		}
		String digits = phone.replaceAll("[^0-9]", "");
		if (digits.length() == 11 && digits.startsWith("1")) {
			return "+1 " + digits.substring(1, 4) + " " + DOT.repeat(3) + "-" + DOT.repeat(2) + digits.substring(9);
		}
		return "+" + DOT.repeat(Math.max(0, digits.length() - 2)) + digits.substring(Math.max(0, digits.length() - 2));
	}

}

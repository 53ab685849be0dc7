package ca.aiguillage.notification.templates;

/**
 * How many SMS segments a text takes: 160 GSM-7 characters in one (153 each when
 * concatenated, extension characters counting twice), or 70 UCS-2 characters (67 each) as
 * soon as one character is outside the GSM alphabet.
 */
public final class SmsSegments {

	private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private static final String EXTENSION = "^{}\\[~]|€\f";

	private SmsSegments() {
	}

	public static int count(String text) {
		int septets = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (BASIC.indexOf(c) >= 0) {
				septets++;
			}
			else if (EXTENSION.indexOf(c) >= 0) {
				septets += 2;
			}
			else {
				int units = text.length();
				return (units <= 70) ? 1 : (units + 66) / 67;
			}
		}
		return (septets <= 160) ? 1 : (septets + 152) / 153;
	}

}

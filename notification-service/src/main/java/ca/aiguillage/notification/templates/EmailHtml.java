package ca.aiguillage.notification.templates;

import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * The HTML part of an email, made from its plain-text body so that both always say the
 * same: paragraphs, and links made clickable.
 */
public final class EmailHtml {

	private static final Pattern LINK = Pattern.compile("(https?://[^\\s<]+)");

	private EmailHtml() {
	}

	public static String of(String language, String subject, String text) {
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html><html lang=\"")
			.append(HtmlUtils.htmlEscape(language, "UTF-8"))
			.append("\"><head><meta charset=\"utf-8\"><title>")
			.append(HtmlUtils.htmlEscape(subject, "UTF-8"))
			.append("</title></head><body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">");
		for (String paragraph : text.split("\\n\\s*\\n")) {
			String escaped = HtmlUtils.htmlEscape(paragraph.strip(), "UTF-8").replace("\n", "<br>");
			html.append("<p>").append(LINK.matcher(escaped).replaceAll("<a href=\"$1\">$1</a>")).append("</p>");
		}
		return html.append("</body></html>").toString();
	}

}

package ca.aiguillage.notification.templates;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The template table ({@code templates/notification-templates.yml}): which message each
 * event calls for and for whom, and where the texts are.
 *
 * @param bundle the classpath base name of the texts: {@code <bundle>.properties} in the
 * default language, {@code <bundle>_<language>.properties} in each other
 * @param languages the languages every template must exist in, the default first; a
 * client whose language is not listed gets the default
 * @param events which template each event type calls for, and for whom
 */
@ConfigurationProperties("notification.templates")
record TemplateSettings(@DefaultValue("templates/messages") String bundle, @DefaultValue( {
		"fr", "en" }) List<String> languages, @DefaultValue List<EventTemplate> events){

	/**
	 * One row of the table; checked at start-up, hence nullable here.
	 *
	 * @param type the CloudEvents type of the event
	 * @param audience who the message is for
	 * @param template the template id, the prefix of its {@code .subject} and
	 * {@code .body} texts (and {@code .sms} for clients)
	 * @param urgent whether a text message goes even in quiet hours (crisis resources)
	 * @param unused whether the template is ready for a message no event calls for yet:
	 * checked against the placeholders of {@code type} and previewable, never sent
	 * @param selfReferred whether the template replaces, for a client who referred
	 * themself, the row of the same type and audience without this flag (the only rows
	 * that may carry {@code {confirmLink}})
	 * @param reminder whether the template reminds the client, half way through the time
	 * to answer, of the question the row of the same type and audience asks
	 * @param trigger the check-in's trigger ({@code HEAD_OF_LINE}) for which the template
	 * replaces the row of the same type and audience without one
	 */
	record EventTemplate(@Nullable String type, @Nullable Audience audience, @Nullable String template,
			@Nullable Boolean urgent, @Nullable Boolean unused, @Nullable Boolean selfReferred,
			@Nullable Boolean reminder, @Nullable String trigger) {
	}

}

package ca.aiguillage.notification.templates;

/**
 * A template put into words.
 *
 * @param language the language it was rendered in, French when the recipient's has no
 * templates
 * @param subject the subject line
 * @param body the plain-text body of an email, empty for a referrer
 * @param sms the text message, empty when the audience gets none
 */
public record RenderedMessage(String language, String subject, String body, String sms) {
}

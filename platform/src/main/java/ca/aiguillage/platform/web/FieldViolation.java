package ca.aiguillage.platform.web;

/**
 * One field that failed validation.
 *
 * @param field the JSON path of the field, such as {@code client.postalCode}
 * @param code the message code of the rule it broke, such as {@code invalid.postalCode}
 */
public record FieldViolation(String field, String code) {
}

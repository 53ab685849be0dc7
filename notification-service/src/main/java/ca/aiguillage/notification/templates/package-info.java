/**
 * Templates: which message each lifecycle event calls for and for whom (the template
 * table), their texts in every language with placeholders put into words, checked whole
 * at start-up, and the administrator's preview.
 */
@NullMarked
package ca.aiguillage.notification.templates;

import org.jspecify.annotations.NullMarked;

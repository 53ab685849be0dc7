/**
 * Answers: the client's answers to a proposal or a check-in, through the signed link's
 * small bilingual page or a text-message reply, each taken once; STOP unsubscribes.
 */
@NullMarked
package ca.aiguillage.notification.answers;

import org.jspecify.annotations.NullMarked;

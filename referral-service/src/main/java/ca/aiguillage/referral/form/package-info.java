/**
 * The referral form the partner portal and the self-referral page share: typed text bound
 * to records, its choices, errors and page language.
 */
@NullMarked
package ca.aiguillage.referral.form;

import org.jspecify.annotations.NullMarked;

/**
 * Referrals in: a transaction Bundle validated, mapped to exactly the partner API's JSON
 * and posted to referral-service with the caller's own token; nothing is kept here.
 */
@NullMarked
package ca.aiguillage.fhir.intake;

import org.jspecify.annotations.NullMarked;

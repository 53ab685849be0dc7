package ca.aiguillage.contracts.common;

/**
 * The fee per session computed at intake from an organization's sliding scale.
 *
 * @param amountCents the fee per session, in Canadian cents
 * @param lowFee whether the fee is low enough that the client needs one of the
 * therapists' low-fee places
 * @param scaleId the sliding scale used
 * @param scaleVersion the version of that scale
 */
public record SessionFee(int amountCents, boolean lowFee, String scaleId, String scaleVersion) {

}

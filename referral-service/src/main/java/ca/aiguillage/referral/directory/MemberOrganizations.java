package ca.aiguillage.referral.directory;

/** Whether an organization is a member of the network, which a referral may name. */
@FunctionalInterface
public interface MemberOrganizations {

	/**
	 * Whether a referral may name this organization.
	 * @param organizationId an organization id
	 * @return true for a member of the network
	 */
	boolean isMember(String organizationId);

}

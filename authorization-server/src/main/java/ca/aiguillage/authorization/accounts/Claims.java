package ca.aiguillage.authorization.accounts;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an account is entitled to, as the access token states it.
 *
 * @param roles the account's roles
 * @param organizationId the coordinator's organization, if any
 * @param partnerId the partner a staff member or system acts for, if any
 */
public record Claims(List<Role> roles, @Nullable String organizationId, @Nullable String partnerId) {

	public Claims {
		roles = List.copyOf(roles);
	}

}

package ca.aiguillage.authorization.accounts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The seeded users and systems, by name, with the claims each one is entitled to. */
public final class Accounts {

	/**
	 * The client setting (registration metadata) listing where a browser application's
	 * pages take logout tokens.
	 */
	public static final String BACK_CHANNEL_LOGOUT_URI = "backchannel_logout_uri";

	private final Map<String, Claims> users;

	private final Map<String, Claims> systems;

	private final Map<String, String> secondFactors;

	private final boolean administratorsNeedSecondFactor;

	private final Map<String, List<String>> backChannelLogoutUris;

	Accounts(AccountsProperties properties) {
		this.administratorsNeedSecondFactor = properties.administratorsNeedSecondFactor();
		this.secondFactors = properties.users()
			.stream()
			.filter((user) -> user.totpSecret() != null)
			.collect(Collectors.toUnmodifiableMap(AccountsProperties.User::username,
					AccountsProperties.User::totpSecret));
		// A name given twice fails here: no account silently shadows another.
		this.users = properties.users()
			.stream()
			.collect(Collectors.toUnmodifiableMap(AccountsProperties.User::username, AccountsProperties.User::claims));
		this.backChannelLogoutUris = properties.browserClients()
			.stream()
			.collect(Collectors.toUnmodifiableMap(AccountsProperties.BrowserClient::clientId,
					AccountsProperties.BrowserClient::backChannelLogout));
		this.systems = properties.systems()
			.stream()
			.collect(Collectors.toUnmodifiableMap(AccountsProperties.SystemClient::clientId,
					AccountsProperties.SystemClient::claims));
	}

	/**
	 * A person who signs in on the login page.
	 * @param username the name they signed in with
	 * @return their claims, empty for an unknown user
	 */
	public Optional<Claims> user(String username) {
		return Optional.ofNullable(this.users.get(username));
	}

	/**
	 * The second factor a person must give beside the password: an administrator's
	 * authenticator secret, unless the deployment turned the second factor off (the local
	 * stack).
	 * @param username the name they sign in with
	 * @return the Base32 TOTP secret, empty when the password is enough
	 */
	public Optional<String> secondFactor(String username) {
		boolean administrator = user(username).map((claims) -> claims.roles().contains(Role.ADMIN)).orElse(false);
		if (!administrator || !this.administratorsNeedSecondFactor) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.secondFactors.get(username));
	}

	/**
	 * Whether some account signs in with a second factor, so that the sign-in page asks
	 * for one.
	 * @return true when administrators need one
	 */
	public boolean asksForASecondFactor() {
		return this.administratorsNeedSecondFactor;
	}

	/**
	 * Where each browser application's pages take logout tokens.
	 * @return the addresses by client id
	 */
	public Map<String, List<String>> backChannelLogoutUris() {
		return this.backChannelLogoutUris;
	}

	/**
	 * A system that authenticates with its own client credentials.
	 * @param clientId the client id it authenticated with
	 * @return its claims, empty for an unknown system
	 */
	public Optional<Claims> system(String clientId) {
		return Optional.ofNullable(this.systems.get(clientId));
	}

}

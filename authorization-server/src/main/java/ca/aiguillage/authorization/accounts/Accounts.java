package ca.aiguillage.authorization.accounts;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The seeded users and systems, by name, with the claims each one is entitled to. */
public final class Accounts {

	private final Map<String, Claims> users;

	private final Map<String, Claims> systems;

	Accounts(AccountsProperties properties) {
		// A name given twice fails here: no account silently shadows another.
		this.users = properties.users()
			.stream()
			.collect(Collectors.toUnmodifiableMap(AccountsProperties.User::username, AccountsProperties.User::claims));
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
	 * A system that authenticates with its own client credentials.
	 * @param clientId the client id it authenticated with
	 * @return its claims, empty for an unknown system
	 */
	public Optional<Claims> system(String clientId) {
		return Optional.ofNullable(this.systems.get(clientId));
	}

}

package ca.aiguillage.authorization.accounts;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Refuses a start that would expose people's data through accounts anyone can read about:
 * the demo accounts (profile {@value #LOCAL_PROFILE}) run only on a loopback issuer, and
 * every other start needs an administrator of its own and no account still holding its
 * published demo password.
 */
final class DeploymentSecrets {

	/** The profile of the local stack, which loads authorization-server-local.yml. */
	static final String LOCAL_PROFILE = "local";

	// The demo passwords are published in docs/identity.md: an account still using one is
	// open to anyone.
	private static final Map<String, String> PUBLISHED_DEMO_PASSWORDS = Map.ofEntries(Map.entry("admin", "admin-demo"),
			Map.entry("demo-partner", "demo-partner-secret"),
			Map.entry("clsc-ahuntsic-records", "clsc-ahuntsic-secret"),
			Map.entry("notification-service", "notification-service-secret"),
			Map.entry("coordination.st-pierre", "coordination-demo"),
			Map.entry("coordination.montreal-nord", "coordination-demo"),
			Map.entry("coordination.laval", "coordination-demo"),
			Map.entry("coordination.outaouais", "coordination-demo"),
			Map.entry("intervenant.ahuntsic", "intervenant-demo"),
			Map.entry("intervenant.gasm-laval", "intervenant-demo"));

	private DeploymentSecrets() {
	}

	static void check(AccountsProperties accounts, Environment environment) {
		URI issuer = URI.create(environment.getProperty("aiguillage.authorization.issuer", "http://localhost:9000"));
		if (environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
			if (!isLoopback(issuer)) {
				throw new IllegalStateException(
						"The demo accounts of profile '" + LOCAL_PROFILE + "' run only on a loopback issuer, not "
								+ issuer + ": remove the profile and configure real accounts (deploy/setup.sh).");
			}
			return;
		}
		List<String> problems = new ArrayList<>();
		if (accounts.users().stream().noneMatch((user) -> user.roles().contains(Role.ADMIN))) {
			problems.add("no administrator account (aiguillage.authorization.users with role ADMIN; "
					+ "deploy/setup.sh creates the first one with the password you choose)");
		}
		if (accounts.administratorsNeedSecondFactor()) {
			accounts.users()
				.stream()
				.filter((user) -> user.roles().contains(Role.ADMIN) && user.totpSecret() == null)
				.forEach((user) -> problems.add("administrator '" + user.username()
						+ "' has no second factor (…USERS_n_TOTPSECRET, a Base32 secret deploy/setup.sh generates)"));
		}
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		accounts.users()
			.stream()
			.filter((user) -> holdsDemoPassword(encoder, user.username(), user.password()))
			.forEach((user) -> problems.add("account '" + user.username() + "' still has its published demo password"));
		accounts.systems()
			.stream()
			.filter((system) -> holdsDemoPassword(encoder, system.clientId(), system.secret()))
			.forEach(
					(system) -> problems.add("client '" + system.clientId() + "' still has its published demo secret"));
		if (!problems.isEmpty()) {
			throw new IllegalStateException(
					"The authorization server refuses to start without real secrets: " + String.join("; ", problems)
							+ ". The demo accounts run only in the local stack (./run-local.sh).");
		}
	}

	private static boolean holdsDemoPassword(PasswordEncoder encoder, String name, @Nullable String hash) {
		String demo = PUBLISHED_DEMO_PASSWORDS.get(name);
		return demo != null && hash != null && encoder.matches(demo, hash);
	}

	private static boolean isLoopback(URI issuer) {
		String host = issuer.getHost();
		if (host == null) {
			return false;
		}
		if (host.equals("localhost")) {
			return true;
		}
		try {
			// Literal addresses only: a name is never resolved, so DNS cannot make it
			// local.
			return (Character.digit(host.charAt(0), 16) >= 0 || host.startsWith("["))
					&& InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}

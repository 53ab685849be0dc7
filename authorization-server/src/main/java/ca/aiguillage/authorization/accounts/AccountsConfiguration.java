package ca.aiguillage.authorization.accounts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The seeded accounts as Spring Security's users and the authorization server's clients.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountsProperties.class)
class AccountsConfiguration {

	@Bean
	Accounts accounts(AccountsProperties properties, Environment environment) {
		DeploymentSecrets.check(properties, environment);
		return new Accounts(properties);
	}

	@Bean
	SuspendedAccounts suspendedAccounts(Environment environment) {
		// Beside the signing key, in the data directory a deployment keeps.
		Binder settings = Binder.get(environment);
		Path signingKey = settings.bind("aiguillage.authorization.signing-key-file", Path.class)
			.orElse(Path.of("data/authorization/signing-key.jwk.json"));
		return new SuspendedAccounts(settings.bind("aiguillage.authorization.suspended-accounts-file", Path.class)
			.orElse(signingKey.toAbsolutePath().getParent().resolve("suspended-accounts.txt")));
	}

	@Bean
	UserDetailsService users(AccountsProperties properties, SuspendedAccounts suspended) {
		InMemoryUserDetailsManager seeded = new InMemoryUserDetailsManager(
				properties.users().stream().map(AccountsProperties.User::details).toList());
		// A suspended account is refused like a wrong password, before the password is
		// checked.
		return (username) -> {
			UserDetails account = seeded.loadUserByUsername(username);
			return suspended.isSuspended(account.getUsername()) ? User.withUserDetails(account).disabled(true).build()
					: account;
		};
	}

	@Bean
	RegisteredClientRepository clients(AccountsProperties properties) {
		List<RegisteredClient> clients = new ArrayList<>();
		properties.systems().forEach((system) -> clients.add(system.registration(properties.tokenLifetime())));
		properties.browserClients().forEach((client) -> clients.add(client.registration(properties.tokenLifetime())));
		return new InMemoryRegisteredClientRepository(clients);
	}

}

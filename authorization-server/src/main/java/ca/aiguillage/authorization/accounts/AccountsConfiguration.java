package ca.aiguillage.authorization.accounts;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
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
	UserDetailsService users(AccountsProperties properties) {
		return new InMemoryUserDetailsManager(
				properties.users().stream().map(AccountsProperties.User::details).toList());
	}

	@Bean
	RegisteredClientRepository clients(AccountsProperties properties) {
		List<RegisteredClient> clients = new ArrayList<>();
		properties.systems().forEach((system) -> clients.add(system.registration(properties.tokenLifetime())));
		properties.browserClients().forEach((client) -> clients.add(client.registration(properties.tokenLifetime())));
		return new InMemoryRegisteredClientRepository(clients);
	}

}

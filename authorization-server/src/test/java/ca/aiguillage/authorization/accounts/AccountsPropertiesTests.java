package ca.aiguillage.authorization.accounts;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

class AccountsPropertiesTests {

	private static final String HASH = "{bcrypt}$2a$10$7oHGF9Z/sMGy40peQgD6fOB69qOiSrVdwAhKcFqQCbDAe3JcScFai";

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(AccountsConfiguration.class)
		// Binding rules, not a deployment: the local profile's demo accounts are allowed.
		.withPropertyValues("spring.profiles.active=local",
				"aiguillage.authorization.systems[0].client-id=demo-partner",
				"aiguillage.authorization.systems[0].secret=" + HASH,
				"aiguillage.authorization.systems[0].roles=PARTNER",
				"aiguillage.authorization.systems[0].partner-id=demo-partner");

	@Test
	void coordinatorWithABcryptPasswordAndAnOrganizationIsAccepted() {
		this.context.withPropertyValues(coordinator("organization-id=org-laval", "password=" + HASH)).run((started) -> {
			assertThat(started).hasNotFailed();
			assertThat(
					started.getBean(UserDetailsService.class).loadUserByUsername("coordination.laval").getAuthorities())
				.extracting(Object::toString)
				.containsExactly("ROLE_COORDINATOR");
			assertThat(started.getBean(Accounts.class).user("coordination.laval"))
				.contains(new Claims(List.of(Role.COORDINATOR), "org-laval", null));
		});
	}

	@Test
	void accessTokensLiveFifteenMinutesUnlessConfiguredOtherwise() {
		this.context.run((started) -> assertThat(lifetime(started, "demo-partner")).isEqualTo(Duration.ofMinutes(15)));
		this.context.withPropertyValues("aiguillage.authorization.token-lifetime=5m")
			.run((started) -> assertThat(lifetime(started, "demo-partner")).isEqualTo(Duration.ofMinutes(5)));
	}

	@Test
	void plainPasswordIsRefusedAtStartup() {
		this.context.withPropertyValues(coordinator("organization-id=org-laval", "password={noop}coordination-demo"))
			.run((started) -> assertThat(started).getFailure()
				.rootCause()
				.hasMessageContaining("must be a bcrypt hash"));
	}

	@Test
	void coordinatorWithoutAnOrganizationIsRefusedAtStartup() {
		this.context.withPropertyValues(coordinator("password=" + HASH))
			.run((started) -> assertThat(started).getFailure()
				.rootCause()
				.hasMessageContaining("a coordinator needs an organization-id"));
	}

	@Test
	void partnerSystemWithoutAPartnerIdIsRefusedAtStartup() {
		this.context.withPropertyValues("aiguillage.authorization.systems[0].partner-id=")
			.run((started) -> assertThat(started).getFailure()
				.rootCause()
				.hasMessageContaining("a partner needs a partner-id"));
	}

	@Test
	void sameUsernameTwiceIsRefusedAtStartup() {
		this.context.withPropertyValues(coordinator("organization-id=org-laval", "password=" + HASH))
			.withPropertyValues("aiguillage.authorization.users[1].username=coordination.laval",
					"aiguillage.authorization.users[1].password=" + HASH,
					"aiguillage.authorization.users[1].roles=ADMIN")
			.run((started) -> assertThat(started).getFailure().rootCause().hasMessageContaining("Duplicate key"));
	}

	private static Duration lifetime(ApplicationContext started, String clientId) {
		RegisteredClient client = started.getBean(RegisteredClientRepository.class).findByClientId(clientId);
		assertThat(client).isNotNull();
		return client.getTokenSettings().getAccessTokenTimeToLive();
	}

	private static String[] coordinator(String... more) {
		String[] properties = new String[2 + more.length];
		properties[0] = "aiguillage.authorization.users[0].username=coordination.laval";
		properties[1] = "aiguillage.authorization.users[0].roles=COORDINATOR";
		for (int i = 0; i < more.length; i++) {
			properties[2 + i] = "aiguillage.authorization.users[0]." + more[i];
		}
		return properties;
	}

}

package ca.aiguillage.authorization.sessions;

import java.net.URI;
import java.util.List;

import ca.aiguillage.authorization.accounts.Accounts;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

class BackChannelLogoutTests {

	private final RegisteredClient console = RegisteredClient.withId("aiguillage-console")
		.clientId("aiguillage-console")
		.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("https://aiguillage.example:8083/login/oauth2/code/aiguillage")
		.clientSettings(ClientSettings.builder()
			.setting(Accounts.BACK_CHANNEL_LOGOUT_URI,
					List.of("https://aiguillage.example:8083/logout/connect/back-channel/aiguillage",
							"https://aiguillage.example:8082/logout/connect/back-channel/aiguillage",
							"http://127.0.0.1:8083/logout/connect/back-channel/aiguillage"))
			.build())
		.build();

	@Test
	void tokenGoesToTheHostThePersonWasSentBackTo() {
		assertThat(BackChannelLogout.addresses(this.console,
				URI.create("https://aiguillage.example:8082/login/oauth2/code/aiguillage")))
			.containsExactly(URI.create("https://aiguillage.example:8082/logout/connect/back-channel/aiguillage"));
	}

	@Test
	void loopbackRedirectOnAnyPortGetsItsTokenOnThatPort() {
		assertThat(BackChannelLogout.addresses(this.console,
				URI.create("http://127.0.0.1:41234/login/oauth2/code/aiguillage")))
			.containsExactly(URI.create("http://127.0.0.1:41234/logout/connect/back-channel/aiguillage"));
	}

	@Test
	void redirectOnNoDeclaredHostSendsToEveryDeclaredAddress() {
		assertThat(BackChannelLogout.addresses(this.console,
				URI.create("https://elsewhere.example/login/oauth2/code/aiguillage")))
			.hasSize(3);
	}

}

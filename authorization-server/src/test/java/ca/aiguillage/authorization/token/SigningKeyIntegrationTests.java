package ca.aiguillage.authorization.token;

import ca.aiguillage.testing.UserAgent;
import java.nio.file.Files;
import java.nio.file.Path;

import ca.aiguillage.authorization.AuthorizationServerApplication;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's first start creates the signing key in its data directory; restarts
 * keep it.
 */
class SigningKeyIntegrationTests {

	@TempDir
	Path data;

	@Test
	void signingKeyFileIsCreatedOnFirstStartAndReusedOnTheNext() throws Exception {
		Path file = this.data.resolve("authorization").resolve("signing-key.jwk.json");
		assertThat(file).doesNotExist();

		String first = publishedKeyId(file);
		assertThat(file).isRegularFile();
		String created = Files.readString(file);
		String second = publishedKeyId(file);

		assertThat(second).isEqualTo(first);
		assertThat(Files.readString(file)).isEqualTo(created);
	}

	private static String publishedKeyId(Path signingKeyFile) throws Exception {
		try (ConfigurableApplicationContext server = AuthorizationServerApplication.application()
			.run("--server.port=0", "--spring.profiles.active=local",
					"--aiguillage.authorization.signing-key-file=" + signingKeyFile)) {
			int port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
			JWKSet published = JWKSet.parse(new UserAgent(port).getJson("/oauth2/jwks").body());
			assertThat(published.getKeys()).hasSize(1);
			return published.getKeys().get(0).getKeyID();
		}
	}

}

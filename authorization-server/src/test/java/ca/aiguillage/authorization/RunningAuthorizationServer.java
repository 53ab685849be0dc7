package ca.aiguillage.authorization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of tests against the booted authorization server on a random port, its signing
 * key in a temporary directory. Test classes share one server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=" + AuthorizationServerApplication.CONFIG_NAME)
@ActiveProfiles("local")
public abstract class RunningAuthorizationServer {

	private static final Path DATA = temporaryDirectory();

	@Value("${local.server.port}")
	protected int port;

	@DynamicPropertySource
	static void signingKeyInATemporaryDirectory(DynamicPropertyRegistry registry) {
		registry.add("aiguillage.authorization.signing-key-file", () -> DATA.resolve("signing-key.jwk.json"));
	}

	private static Path temporaryDirectory() {
		try {
			Path directory = Files.createTempDirectory("authorization-server-test");
			directory.toFile().deleteOnExit();
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

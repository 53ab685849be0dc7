package ca.aiguillage.referral.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import ca.aiguillage.authorization.AuthorizationServerApplication;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real authorization server with its demo accounts, started beside the service under
 * test on a loopback port, as the local stack runs it.
 */
public final class AuthorizationServerBeside {

	private static final String TOKEN_LIFETIME = "aiguillage.authorization.token-lifetime";

	private AuthorizationServerBeside() {
	}

	/**
	 * A free loopback port, to name the issuer before the service under test starts.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String issuer(int port) {
		return "http://127.0.0.1:" + port;
	}

	/**
	 * Starts it.
	 * @param port its port
	 * @param tokenLifetime how long its access tokens live, or null for its default
	 * @return the running server; close it when done
	 */
	public static ConfigurableApplicationContext start(int port, @Nullable Duration tokenLifetime) throws IOException {
		Path keys = Files.createTempDirectory("authorization-beside-referral");
		if (tokenLifetime != null) {
			System.setProperty(TOKEN_LIFETIME, tokenLifetime.toString());
		}
		try {
			// The portal's redirect is registered on 127.0.0.1: a loopback redirect may
			// use any port (RFC 8252), so the test's random port needs no registration.
			return AuthorizationServerApplication.startBesideServices(port, issuer(port),
					keys.resolve("signing-key.jwk.json"));
		}
		finally {
			System.clearProperty(TOKEN_LIFETIME);
		}
	}

}

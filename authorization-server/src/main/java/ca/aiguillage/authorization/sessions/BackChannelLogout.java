package ca.aiguillage.authorization.sessions;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ca.aiguillage.authorization.accounts.Accounts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Ends a person's sign-ins at every application they signed in to (OpenID Connect
 * Back-Channel Logout 1.0): their authorizations here are removed, and each application
 * is posted a logout token, signed with the server's key, at the
 * {@link Accounts#BACK_CHANNEL_LOGOUT_URI} its registration declares. Sending happens in
 * the background, a few times over, and never holds the person's sign-out page; an
 * application that cannot be reached is logged by its client id and address, and its page
 * session still ends at its token's expiry at the latest.
 */
public final class BackChannelLogout {

	static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

	private static final Logger log = LoggerFactory.getLogger(BackChannelLogout.class);

	private final SignedInAuthorizations authorizations;

	private final Accounts accounts;

	private final RegisteredClientRepository clients;

	private final JwtEncoder signer;

	private final String issuer;

	private final List<Duration> retries;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

	BackChannelLogout(SignedInAuthorizations authorizations, Accounts accounts, RegisteredClientRepository clients,
			JwtEncoder signer, String issuer, List<Duration> retries) {
		this.authorizations = authorizations;
		this.accounts = accounts;
		this.clients = clients;
		this.signer = signer;
		this.issuer = issuer;
		this.retries = retries;
	}

	/**
	 * A person signed out of one application: every application signed in through the
	 * same sign-in here ({@code sid}), or all of the person's when the ID token names
	 * none, is signed out too.
	 * @param idToken the ID token the application signed out with
	 */
	public void signedOut(OidcIdToken idToken) {
		String sid = idToken.getClaimAsString("sid");
		end(idToken.getSubject(), sid);
	}

	/**
	 * Ends all of a person's sign-ins, at every application: those this server knows of,
	 * and every declared address besides, since a restart forgets where people signed in
	 * while the applications' sessions carry on.
	 * @param username the person
	 * @return how many application addresses were sent a logout token
	 */
	int endAll(String username) {
		Set<Target> everywhere = new LinkedHashSet<>();
		this.accounts.backChannelLogoutUris()
			.forEach((clientId, addresses) -> addresses
				.forEach((address) -> everywhere.add(new Target(clientId, URI.create(address)))));
		return end(username, null, everywhere);
	}

	private int end(String username, @Nullable String sid) {
		return end(username, sid, new LinkedHashSet<>());
	}

	private int end(String username, @Nullable String sid, Set<Target> targets) {
		for (OAuth2Authorization authorization : this.authorizations.of(username)) {
			OAuth2Authorization.Token<OidcIdToken> idToken = authorization.getToken(OidcIdToken.class);
			String itsSid = (idToken != null) ? idToken.getToken().getClaimAsString("sid") : null;
			if (sid != null && itsSid != null && !sid.equals(itsSid)) {
				// Another sign-in of the same person (another computer) carries on.
				continue;
			}
			this.authorizations.remove(authorization);
			RegisteredClient client = this.clients.findById(authorization.getRegisteredClientId());
			OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
			if (idToken == null || client == null || request == null) {
				continue;
			}
			addresses(client, URI.create(request.getRedirectUri()))
				.forEach((address) -> targets.add(new Target(client.getClientId(), address)));
		}
		for (Target target : targets) {
			String token = logoutToken(target.clientId(), username, sid);
			this.senders.execute(() -> send(target, token));
		}
		return targets.size();
	}

	/**
	 * Where an application takes logout tokens: the declared address on the host the
	 * person was sent back to; on a loopback host, whose port may be any (RFC 8252), the
	 * declared loopback address on that port; else every address the client declares
	 * (inner addresses a deployment set), where a token for someone not signed in ends
	 * nothing.
	 */
	static List<URI> addresses(RegisteredClient client, URI redirect) {
		Object declared = client.getClientSettings().getSetting(Accounts.BACK_CHANNEL_LOGOUT_URI);
		if (!(declared instanceof List<?> listed)) {
			return List.of();
		}
		List<URI> addresses = listed.stream().map((each) -> URI.create(each.toString())).toList();
		for (URI address : addresses) {
			if (Objects.equals(address.getScheme(), redirect.getScheme())
					&& Objects.equals(address.getHost(), redirect.getHost())
					&& address.getPort() == redirect.getPort()) {
				return List.of(address);
			}
		}
		for (URI address : addresses) {
			if (("127.0.0.1".equals(redirect.getHost()) || "[::1]".equals(redirect.getHost()))
					&& Objects.equals(address.getHost(), redirect.getHost())) {
				return List
					.of(URI.create(redirect.getScheme() + "://" + redirect.getRawAuthority() + address.getRawPath()));
			}
		}
		return addresses;
	}

	private String logoutToken(String clientId, String subject, @Nullable String sid) {
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(this.issuer)
			.audience(List.of(clientId))
			.subject(subject)
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(2)))
			.id(UUID.randomUUID().toString())
			.claim("events", Map.of(EVENT, Map.of()));
		if (sid != null) {
			claims.claim("sid", sid);
		}
		// No typ header: Spring Security's clients accept only JWT or none.
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
		return this.signer.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
	}

	private void send(Target target, String token) {
		HttpRequest request = HttpRequest.newBuilder(target.address())
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
			.build();
		for (int attempt = 0; attempt <= this.retries.size(); attempt++) {
			try {
				if (attempt > 0) {
					Thread.sleep(this.retries.get(attempt - 1));
				}
				int status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				if (status == 200 || status == 204) {
					return;
				}
				if (status == 400) {
					// Refused for good: sending the same token again cannot help.
					break;
				}
			}
			catch (IOException ex) {
				// Not reachable this time: the next attempt may be.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		log.warn("Back-channel logout not delivered to client {} at {}: its page sessions end at their token's"
				+ " expiry instead", target.clientId(), target.address());
	}

	private record Target(String clientId, URI address) {
	}

}

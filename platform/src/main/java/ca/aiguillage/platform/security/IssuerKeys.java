package ca.aiguillage.platform.security;

import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The authorization server's public keys, as every service checks tokens with them. They
 * are kept for {@code cacheFor} and fetched again in the background before they run out,
 * so no request waits on a routine fetch; a token signed by an unknown key fetches them
 * at once (at most once every few seconds). A slow or failed fetch leaves the last keys
 * in use for {@code outageTolerance}: a busy authorization server does not fail the
 * services' requests. With no key at hand the answer is a 503 problem with
 * {@code Retry-After}, never a 500.
 */
final class IssuerKeys implements JwkSetUriJwtDecoderBuilderCustomizer, DisposableBean {

	private static final Duration REFRESH_AHEAD = Duration.ofSeconds(30);

	private static final Duration MIN_FETCH_INTERVAL = Duration.ofSeconds(30);

	private static final int SIZE_LIMIT = 50 * 1024;

	private final JWKSource<SecurityContext> keys;

	IssuerKeys(String jwkSetUri, IssuerKeySettings settings) {
		this.keys = source(jwkSetUri, settings);
	}

	/** Boot's decoder, its algorithms and checks kept, reading the keys from here. */
	@Override
	public void customize(NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder) {
		builder.jwtProcessorCustomizer(
				(processor) -> processor.setJWSKeySelector(selector(processor.getJWSKeySelector(), this.keys)));
	}

	/** Stops the background fetches with the service. */
	@Override
	public void destroy() throws IOException {
		if (this.keys instanceof Closeable closeable) {
			closeable.close();
		}
	}

	static JWKSource<SecurityContext> source(String jwkSetUri, IssuerKeySettings settings) {
		long ttl = settings.cacheFor().toMillis();
		int timeout = Math.toIntExact(settings.timeout().toMillis());
		// Each wait is a fraction of the keys' life, so a short life (in tests) stays
		// consistent.
		long refreshTimeout = Math.min(timeout, ttl / 4);
		long refreshAhead = Math.min(REFRESH_AHEAD.toMillis(), ttl / 4);
		try {
			return JWKSourceBuilder
				.<SecurityContext>create(URI.create(jwkSetUri).toURL(),
						new DefaultResourceRetriever(timeout, timeout, SIZE_LIMIT))
				.cache(ttl, refreshTimeout)
				.refreshAheadCache(refreshAhead, true)
				.rateLimited(Math.min(MIN_FETCH_INTERVAL.toMillis(), ttl / 2))
				.retrying(true)
				.outageTolerant(settings.outageTolerance().toMillis())
				.build();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new IllegalStateException("The authorization server's key address is not a URL: " + jwkSetUri, ex);
		}
	}

	/**
	 * A token signed by an unknown key asked for the keys again within the minimum
	 * interval: the key is unknown among keys fetched moments ago, a 401 as for any other
	 * unknown key.
	 */
	private static boolean refetchedMomentsAgo(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof RateLimitReachedException) {
				return true;
			}
		}
		return false;
	}

	private static JWSKeySelector<SecurityContext> selector(JWSKeySelector<SecurityContext> configured,
			JWKSource<SecurityContext> keys) {
		Set<JWSAlgorithm> allowed = JWSAlgorithm.Family.SIGNATURE.stream()
			.filter((algorithm) -> !(configured instanceof JWSVerificationKeySelector<SecurityContext> verification)
					|| verification.isAllowed(algorithm))
			.collect(Collectors.toSet());
		return new JWSVerificationKeySelector<>(allowed, keys);
	}

	/**
	 * A token that could not be checked because no key was at hand (the authorization
	 * server unreachable and nothing kept) is answered 503 with {@code Retry-After}; any
	 * other failure is the usual 401.
	 */
	static AuthenticationFailureHandler failures(ProblemResponses problems, IssuerKeySettings settings) {
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
			if (exception instanceof AuthenticationServiceException && !refetchedMomentsAgo(exception)) {
				response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(settings.retryAfter().toSeconds()));
				problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "keys-unavailable");
				return;
			}
			problems.commence(request, response, exception);
		};
	}

}

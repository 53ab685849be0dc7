package ca.aiguillage.platform.web.headers;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the security headers on every answer, whichever filter chain serves it (API,
 * signed-in pages, public forms): scripts and styles only from the service itself or
 * carrying this request's nonce (templates write {@code th:attr="nonce=${cspNonce}"} on
 * their inline {@code <style>} and {@code <script>}), never framed, no referrer to other
 * sites, and HSTS when the request came over TLS.
 */
public final class PageHeaders extends OncePerRequestFilter {

	/** The request attribute holding this request's nonce, for templates. */
	public static final String NONCE = "cspNonce";

	private static final String HSTS = "max-age=31536000; includeSubDomains";

	private final SecureRandom random = new SecureRandom();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		String nonce = Base64.getEncoder().encodeToString(bytes);
		request.setAttribute(NONCE, nonce);
		response.setHeader("Content-Security-Policy", policy(nonce));
		response.setHeader("Referrer-Policy", "same-origin");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", HSTS);
		}
		chain.doFilter(request, response);
	}

	/**
	 * The content security policy of one answer.
	 * @param nonce the answer's nonce
	 * @return the policy
	 */
	static String policy(String nonce) {
		return String.join("; ", "default-src 'self'", "script-src 'self' 'nonce-" + nonce + "'",
				"style-src 'self' 'nonce-" + nonce + "'", "img-src 'self' data:", "object-src 'none'",
				"base-uri 'none'", "frame-ancestors 'none'");
	}

}

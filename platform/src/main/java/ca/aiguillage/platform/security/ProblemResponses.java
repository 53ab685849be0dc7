package ca.aiguillage.platform.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as RFC 9457 problem details in the caller's language (French by default),
 * written before the request reaches any controller. They never say why a token failed
 * beyond the standard {@code WWW-Authenticate} header, nor whether a resource exists.
 */
public final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final MessageSource messages;

	private final JsonMapper json = JsonMapper.builder().build();

	public ProblemResponses(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		// Sets the status and the WWW-Authenticate challenge that OAuth2 clients expect.
		this.bearer.commence(request, response, authException);
		write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		response.setStatus(HttpStatus.FORBIDDEN.value());
		write(request, response, HttpStatus.FORBIDDEN, "forbidden");
	}

	/**
	 * Writes a problem whose title and detail are the messages
	 * {@code problem.<key>.title} and {@code .detail}, in the request's language.
	 * @param request the request, whose {@code Accept-Language} picks the language
	 * @param response the response, its status already set
	 * @param status the HTTP status the problem reports
	 * @param key the problem's message key
	 * @throws IOException when the response cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String key)
			throws IOException {
		Locale locale = (request.getHeader("Accept-Language") == null) ? Locale.FRENCH : request.getLocale();
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "urn:ca:aiguillage:problem:" + key);
		problem.put("title",
				this.messages.getMessage("problem." + key + ".title", null, status.getReasonPhrase(), locale));
		problem.put("status", status.value());
		problem.put("detail",
				this.messages.getMessage("problem." + key + ".detail", null, status.getReasonPhrase(), locale));
		problem.put("instance", request.getRequestURI());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(this.json.writeValueAsString(problem));
	}

}

package ca.aiguillage.authorization.sessions;

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
 * The administrators' endpoints refuse a missing or invalid token (401) and a token
 * without the ADMIN role (403) with the same RFC 9457 problem the services answer (type
 * {@code urn:ca:aiguillage:problem:unauthenticated} or {@code …:forbidden}), in French
 * unless the request asks for English. This server shares no code with the services (it
 * can be replaced by any OpenID Connect provider), so it writes the problem itself.
 */
final class AdministrationRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final JsonMapper json = JsonMapper.builder().build();

	private final MessageSource messages;

	AdministrationRefusals(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		// The status and the WWW-Authenticate challenge that OAuth2 clients expect.
		this.bearer.commence(request, response, authException);
		write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		response.setStatus(HttpStatus.FORBIDDEN.value());
		write(request, response, HttpStatus.FORBIDDEN, "forbidden");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String key)
			throws IOException {
		Locale locale = (request.getHeader("Accept-Language") == null) ? Locale.FRENCH : request.getLocale();
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "urn:ca:aiguillage:problem:" + key);
		problem.put("title", this.messages.getMessage("admin.refused." + key + ".title", null, locale));
		problem.put("status", status.value());
		problem.put("detail", this.messages.getMessage("admin.refused." + key, null, locale));
		problem.put("instance", request.getRequestURI());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(this.json.writeValueAsString(problem));
	}

}

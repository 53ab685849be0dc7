package ca.aiguillage.referral.api;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import ca.aiguillage.platform.security.ProblemResponses;
import ca.aiguillage.referral.selfreferral.SelfReferralSecurity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses referral bodies over 64 KiB with 413 before anything parses them, whether they
 * announce their length or come chunked.
 */
@Configuration(proxyBeanMethods = false)
class BodyLimit {

	static final int MAX_BYTES = 64 * 1024;

	@Bean
	FilterRegistrationBean<LimitedBody> referralBodyLimit(MessageSource messages) {
		FilterRegistrationBean<LimitedBody> registration = new FilterRegistrationBean<>(
				new LimitedBody(new ProblemResponses(messages)));
		registration.addUrlPatterns("/api/v1/referrals", "/api/v1/referrals/*", SelfReferralSecurity.PATH,
				SelfReferralSecurity.PATH + "/*");
		// Ahead of security: an oversized body costs no token check and no rate-limit
		// slot.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/** Reads at most one byte past the limit, then hands the buffered body on. */
	static final class LimitedBody extends OncePerRequestFilter {

		private final ProblemResponses problems;

		LimitedBody(ProblemResponses problems) {
			this.problems = problems;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getContentLengthLong() > MAX_BYTES) {
				refuse(request, response);
				return;
			}
			byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
			if (body.length > MAX_BYTES) {
				refuse(request, response);
				return;
			}
			chain.doFilter(new BufferedBody(request, body), response);
		}

		private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			this.problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large");
		}

	}

	private static final class BufferedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(this.body), charset));
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream bytes = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return bytes.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return bytes.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return bytes.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body is already buffered");
				}

			};
		}

	}

}

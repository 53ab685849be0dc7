package ca.aiguillage.fhir.intake;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

import ca.aiguillage.fhir.conformance.FhirProblem;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * referral-service's partner API, called with the caller's own token: the referral is the
 * partner's, checked and recorded exactly as if the partner had called it.
 */
@Component
public class PartnerApi {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI base;

	PartnerApi(GatewaySettings settings) {
		this.base = settings.referralService();
	}

	/**
	 * Submits a referral.
	 * @param json the partner API's request
	 * @param idempotencyKey the retry key
	 * @return referral-service's answer
	 */
	Answer submit(String json, String idempotencyKey) {
		return send(HttpRequest.newBuilder(this.base.resolve("/api/v1/referrals"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/**
	 * Withdraws a referral.
	 * @param referralId the referral
	 * @return referral-service's answer
	 */
	public Answer withdraw(String referralId) {
		return send(HttpRequest.newBuilder(this.base.resolve("/api/v1/referrals/" + referralId + "/withdrawal"))
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	private Answer send(HttpRequest.Builder request) {
		Locale locale = LocaleContextHolder.getLocale();
		request.header("Authorization", "Bearer " + callerToken())
			.header("Accept", "application/json")
			.header("Accept-Language", locale.toLanguageTag())
			.timeout(Duration.ofSeconds(30));
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(),
					response.headers().firstValue("Retry-After").orElse(null));
		}
		catch (IOException ex) {
			throw new FhirProblem(503, FhirProblem.Issue.of(IssueType.TRANSIENT, null, "fhir.referral-service.down"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new FhirProblem(503, FhirProblem.Issue.of(IssueType.TRANSIENT, null, "fhir.referral-service.down"));
		}
	}

	private static String callerToken() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken jwt) {
			return jwt.getToken().getTokenValue();
		}
		throw new IllegalStateException("The FHIR endpoints are reached with a bearer token only");
	}

	/**
	 * What referral-service answered.
	 *
	 * @param status the HTTP status
	 * @param body the JSON body, possibly empty
	 * @param retryAfter its {@code Retry-After}, when it said when to ask again
	 */
	public record Answer(int status, @Nullable String body, @Nullable String retryAfter) {

		public boolean succeeded() {
			return this.status >= 200 && this.status < 300;
		}

	}

}

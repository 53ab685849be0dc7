package ca.aiguillage.referral.api;

import java.util.List;
import java.util.Map;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The partner API described in OpenAPI 3.1, with Swagger UI; both are readable without a
 * token, so that a partner can build against the API before it has credentials.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	private static final String[] PATHS = { "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
			"/swagger-ui/**" };

	private static final String BEARER = "bearer-jwt";

	private static final String PARTNER_API = "/api/v1/referrals";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final String DESCRIPTION = """
			**Français.** L'API des partenaires : un partenaire (CLSC, organisme, clinique) soumet une \
			demande de service pour un client et en suit le statut. Chaque appel porte un jeton JWT \
			(`Authorization: Bearer …`) obtenu par *client credentials* auprès de %1$s \
			(`%1$s/oauth2/token`). Les erreurs sont des *problem details* (RFC 9457), en français \
			par défaut, en anglais avec `Accept-Language: en`.

			**English.** The partner API: a partner (CLSC, organization, clinic) submits a referral \
			for a client and follows its status. Every call carries a JWT (`Authorization: Bearer …`) \
			obtained with *client credentials* from %1$s (`%1$s/oauth2/token`). Errors are problem \
			details (RFC 9457), in French by default, in English with `Accept-Language: en`.
			""";

	@Bean
	@Order(2)
	SecurityFilterChain apiDocumentationFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher(PATHS)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Read-only pages with no session and no cookie: nothing to forge.
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	OpenAPI referralServiceApi(
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:http://localhost:9000}") String issuer) {
		return new OpenAPI()
			.info(new Info().title("Aiguillage — referral-service")
				.version("v1")
				.description(DESCRIPTION.formatted(issuer)))
			.components(new Components().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("bearer")
				.bearerFormat("JWT")
				.description("Jeton d'accès émis par " + issuer + " (client credentials). / Access token issued by "
						+ issuer + " (client credentials).")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	@Bean
	OpenApiCustomizer referralServiceResponses() {
		return (openApi) -> {
			Map<String, Schema> problems = ModelConverters.getInstance(true).readAll(Problem.class);
			problems.forEach(openApi.getComponents()::addSchemas);
			PathItem referrals = openApi.getPaths().get(PARTNER_API);
			if (referrals != null && referrals.getPost() != null) {
				documentSubmit(referrals.getPost());
			}
			PathItem referral = openApi.getPaths().get(PARTNER_API + "/{id}");
			if (referral != null && referral.getGet() != null) {
				documentStatus(referral.getGet());
			}
			// Only the partner API and the fee scales: the self-referral form, the
			// access trail, notification-service's contact call and the coordinators'
			// calls serve other clients than partners' systems.
			openApi.getPaths()
				.keySet()
				.removeIf((path) -> !(path.equals(PARTNER_API) || path.startsWith(PARTNER_API + "/")
						|| path.startsWith("/api/v1/fee-scales")) || path.endsWith("/contact")
						|| path.endsWith("/identity") || path.contains("/possible-duplicates"));
			// The one schema that only the self-referral form used.
			openApi.getComponents().getSchemas().remove("CsrfToken");
		};
	}

	private static void documentSubmit(Operation submit) {
		submit.summary("Soumettre une demande / Submit a referral")
			.description("Le partenaire est celui du jeton, jamais un champ du corps. Un corps de plus de "
					+ BodyLimit.MAX_BYTES / 1024 + " Kio est refusé (413). / The referring partner is the token's, "
					+ "never one the body names. A body over " + BodyLimit.MAX_BYTES / 1024 + " KiB is refused (413).");
		Parameter key = header(submit, IdempotencyKey.HEADER);
		key.required(false)
			.description("Facultatif : une soumission reprise avec la même clé et le même corps renvoie la demande "
					+ "déjà enregistrée ; avec un autre corps, 409. / Optional: a retried submission with the same "
					+ "key and body gets the referral registered the first time; with another body, 409.")
			.getSchema()
			.maxLength(100)
			.pattern("^[\\x20-\\x7E]{1,100}$");
		ApiResponses responses = submit.getResponses();
		@Nullable ApiResponse ok = responses.remove("200");
		responses.addApiResponse("201",
				new ApiResponse()
					.description(
							"Demande enregistrée ; `Location` la nomme. / Referral registered; `Location` names it.")
					.content(json((ok != null) ? ok.getContent() : null)));
		responses.addApiResponse("400", problem("Corps ou clé invalide. / Invalid body or key."));
		responses.addApiResponse("401", problem("Jeton absent ou invalide. / Missing or invalid token."));
		responses.addApiResponse("403", problem("Rôle partenaire requis. / Partner role required."));
		responses.addApiResponse("409", problem("Clé d'idempotence déjà utilisée avec un autre corps. / "
				+ "Idempotency key already used with another body."));
		responses.addApiResponse("413", problem("Corps trop volumineux. / Body too large."));
		ApiResponse busy = problem("Réception saturée : rien n'a été enregistré ; renvoyez la demande, avec la même "
				+ "clé d'idempotence, après `Retry-After` secondes. / Intake busy: nothing was stored; send the "
				+ "request again, with the same idempotency key, after `Retry-After` seconds.");
		busy.addHeaderObject("Retry-After",
				new Header().description("Secondes / Seconds").schema(new Schema<Integer>().type("integer")));
		responses.addApiResponse("503", busy);
	}

	private static void documentStatus(Operation status) {
		status.summary("Suivre une demande / Follow a referral")
			.description("Aucune donnée personnelle n'est renvoyée. / No personal data is echoed back.");
		ApiResponses responses = status.getResponses();
		@Nullable ApiResponse ok = responses.get("200");
		responses.addApiResponse("200", new ApiResponse().description("Le statut. / Its status.")
			.content(json((ok != null) ? ok.getContent() : null)));
		responses.addApiResponse("401", problem("Jeton absent ou invalide. / Missing or invalid token."));
		responses.addApiResponse("403", problem("Rôle requis. / Role required."));
		responses.addApiResponse("404", problem("Inconnue, ou d'un autre partenaire ou organisme. / "
				+ "Unknown, or another partner's or organization's."));
	}

	private static Parameter header(Operation operation, String name) {
		if (operation.getParameters() != null) {
			for (Parameter parameter : operation.getParameters()) {
				if (name.equals(parameter.getName()) && "header".equals(parameter.getIn())) {
					return parameter;
				}
			}
		}
		Parameter parameter = new HeaderParameter().name(name).schema(new Schema<String>().type("string"));
		operation.addParametersItem(parameter);
		return parameter;
	}

	private static Content json(@Nullable Content generated) {
		@Nullable Schema<?> schema = (generated != null) ? generated.values()
			.stream()
			.map(MediaType::getSchema)
			.filter((candidate) -> candidate != null)
			.findFirst()
			.orElse(null) : null;
		return new Content().addMediaType("application/json", new MediaType().schema(schema));
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
	}

	/**
	 * A problem detail as this service writes it (RFC 9457).
	 *
	 * @param type the problem type
	 * @param title its title, in the request's language
	 * @param status the HTTP status
	 * @param detail what went wrong
	 * @param instance the request path
	 * @param errors the fields at fault, for a 400
	 */
	record Problem(String type, String title, int status, String detail, String instance,
			@Nullable List<Violation> errors) {

	}

	/**
	 * One field at fault.
	 *
	 * @param field its path, such as {@code client.postalCode}
	 * @param message why, in the request's language
	 */
	record Violation(String field, String message) {

	}

}

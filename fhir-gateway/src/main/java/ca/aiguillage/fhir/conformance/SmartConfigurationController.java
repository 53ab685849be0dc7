package ca.aiguillage.fhir.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * SMART Backend Services discovery, {@code GET /fhir/.well-known/smart-configuration}:
 * where a partner system gets a token, and how it may authenticate (a JWT assertion
 * signed with its key, RS384, or a client secret). Public: a client reads it before it
 * has a token.
 */
@RestController
class SmartConfigurationController {

	private final String issuer;

	SmartConfigurationController(Environment environment) {
		this.issuer = environment.getRequiredProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")
			.replaceAll("/$", "");
	}

	@GetMapping({ "/fhir/.well-known/smart-configuration", "/.well-known/smart-configuration" })
	ResponseEntity<Map<String, Object>> configuration() {
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("issuer", this.issuer);
		configuration.put("jwks_uri", this.issuer + "/oauth2/jwks");
		configuration.put("token_endpoint", this.issuer + "/oauth2/token");
		configuration.put("grant_types_supported", List.of("client_credentials"));
		configuration.put("token_endpoint_auth_methods_supported",
				List.of("private_key_jwt", "client_secret_basic", "client_secret_post"));
		configuration.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384"));
		configuration.put("capabilities", List.of("client-confidential-asymmetric", "client-confidential-symmetric"));
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(configuration);
	}

}

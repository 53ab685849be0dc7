package ca.aiguillage.authorization.token;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where tokens say they come from and what signs them, under
 * {@code aiguillage.authorization}.
 *
 * @param issuer the {@code iss} of every token, and the base of the discovery document
 * @param signingKeyFile a private RSA JWK; created on first start when missing
 */
@ConfigurationProperties("aiguillage.authorization")
record TokenProperties(@DefaultValue("http://localhost:9000") URI issuer,
		@DefaultValue("data/authorization/signing-key.jwk.json") Path signingKeyFile) {

}

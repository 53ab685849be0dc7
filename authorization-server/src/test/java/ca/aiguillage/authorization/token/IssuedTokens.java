package ca.aiguillage.authorization.token;

import ca.aiguillage.testing.UserAgent;
import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks an access token the way a resource server does: against the published JWK set.
 */
final class IssuedTokens {

	private IssuedTokens() {
	}

	static JWTClaimsSet verified(String token, int port) throws ParseException, JOSEException {
		SignedJWT jwt = SignedJWT.parse(token);
		UserAgent.Answer published = new UserAgent(port).getJson("/oauth2/jwks");
		assertThat(published.status()).isEqualTo(200);
		JWK key = JWKSet.parse(published.body()).getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(key).as("published key for kid %s", jwt.getHeader().getKeyID()).isNotNull();
		assertThat(jwt.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
		return jwt.getJWTClaimsSet();
	}

}

package ca.aiguillage.authorization.token;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.aiguillage.authorization.accounts.Accounts;
import ca.aiguillage.authorization.accounts.Claims;
import ca.aiguillage.authorization.accounts.Role;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The token contract the services rely on: every access token is for the
 * {@value #AUDIENCE} audience and states the account's roles, and its organization or
 * partner when it has one.
 */
final class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String AUDIENCE = "aiguillage";

	static final String ROLES = "roles";

	static final String ORGANIZATION_ID = "organization_id";

	static final String PARTNER_ID = "partner_id";

	private final Accounts accounts;

	AccessTokenClaims(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		Optional<Claims> entitled = claimsOf(context);
		context.getClaims().claims((claims) -> {
			claims.put(JwtClaimNames.AUD, withOurAudience(claims.get(JwtClaimNames.AUD)));
			entitled.ifPresent((account) -> add(account, claims));
		});
	}

	private Optional<Claims> claimsOf(JwtEncodingContext context) {
		// A system's token speaks for itself; other grants for who signed in.
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			return this.accounts.system(context.getRegisteredClient().getClientId());
		}
		return this.accounts.user(context.getPrincipal().getName());
	}

	private static List<String> withOurAudience(@Nullable Object audience) {
		List<String> audiences = new ArrayList<>();
		if (audience instanceof Collection<?> values) {
			values.forEach((value) -> audiences.add(value.toString()));
		}
		else if (audience != null) {
			audiences.add(audience.toString());
		}
		if (!audiences.contains(AUDIENCE)) {
			audiences.add(AUDIENCE);
		}
		return audiences;
	}

	private static void add(Claims account, Map<String, Object> claims) {
		claims.put(ROLES, account.roles().stream().map(Role::name).toList());
		if (account.organizationId() != null) {
			claims.put(ORGANIZATION_ID, account.organizationId());
		}
		if (account.partnerId() != null) {
			claims.put(PARTNER_ID, account.partnerId());
		}
	}

}

package ca.aiguillage.authorization.sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization server's authorizations (codes, tokens, refresh tokens), in memory as
 * before, found also by the person they were granted to, so that all of a person's can be
 * ended at once.
 */
final class SignedInAuthorizations implements OAuth2AuthorizationService {

	private final InMemoryOAuth2AuthorizationService kept = new InMemoryOAuth2AuthorizationService();

	private final Map<String, Set<String>> byPerson = new ConcurrentHashMap<>();

	@Override
	public void save(OAuth2Authorization authorization) {
		this.kept.save(authorization);
		this.byPerson.computeIfAbsent(authorization.getPrincipalName(), (name) -> ConcurrentHashMap.newKeySet())
			.add(authorization.getId());
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.kept.remove(authorization);
		this.byPerson.computeIfPresent(authorization.getPrincipalName(), (name, ids) -> {
			ids.remove(authorization.getId());
			return ids.isEmpty() ? null : ids;
		});
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return this.kept.findById(id);
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		return this.kept.findByToken(token, tokenType);
	}

	/**
	 * A person's authorizations.
	 * @param principalName who they were granted to
	 * @return the ones still kept
	 */
	List<OAuth2Authorization> of(String principalName) {
		List<OAuth2Authorization> found = new ArrayList<>();
		for (String id : this.byPerson.getOrDefault(principalName, Set.of())) {
			OAuth2Authorization authorization = this.kept.findById(id);
			if (authorization != null) {
				found.add(authorization);
			}
		}
		return found;
	}

}

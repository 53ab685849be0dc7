package ca.aiguillage.waitlist.console;

import ca.aiguillage.platform.security.Caller;
import ca.aiguillage.platform.security.SignedInPeople;
import ca.aiguillage.waitlist.insight.ReferrerTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * The words of one console page: in the request's language, with the names the signed-in
 * coordinator may read from matching-service and the partners' configured names.
 */
@Component
class PageWords {

	private final Directory directory;

	private final ReferrerTypes referrers;

	private final MessageSource messages;

	PageWords(Directory directory, ReferrerTypes referrers, MessageSource messages) {
		this.directory = directory;
		this.referrers = referrers;
		this.messages = messages;
	}

	Words of(OidcUser person, @Nullable OAuth2AuthorizedClient client) {
		Caller caller = SignedInPeople.caller(person);
		Names names = (client != null) ? this.directory.names(client.getAccessToken().getTokenValue(),
				caller.isAdmin() ? null : caller.organizationId()) : Names.none();
		return new Words(LocaleContextHolder.getLocale(), names.withPartners(this.referrers.partnerNames()),
				this.messages);
	}

}

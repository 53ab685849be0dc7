package ca.aiguillage.matching.directory;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the directory pages, under {@code matching.pages}.
 *
 * @param consoleUrl the coordinators' console (waitlist-service) as a browser reaches it:
 * the caseload links each held place to its referral's page there, since matching knows
 * no client's name to show
 */
@ConfigurationProperties("matching.pages")
record PagesSettings(@DefaultValue("http://localhost:8083") URI consoleUrl) {

	/** The console's page of one referral. */
	String referralPage(String referralId) {
		String base = this.consoleUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/console/referrals/"
				+ java.net.URLEncoder.encode(referralId, java.nio.charset.StandardCharsets.UTF_8);
	}

}

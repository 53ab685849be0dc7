package ca.aiguillage.notification.stubs;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;

/**
 * referral-service's contact endpoint as its contract says: 200 with the contact, 404 for
 * an unknown referral, 401 without a valid token and 403 for any caller but the
 * notification-service client.
 */
public final class ReferralContactsStub extends ServiceEndpointStub {

	private static final String PREFIX = "/api/v1/referrals/";

	private final Map<String, String> contacts = new ConcurrentHashMap<>();

	ReferralContactsStub() {
		super(PREFIX);
	}

	/** Registers how a referral's client may be reached. */
	public void register(String referralId, String language, String email, String mobilePhone, boolean emailConsent,
			boolean smsConsent) {
		this.contacts.put(referralId, "{\"referralId\":\"" + referralId + "\",\"preferredLanguage\":\"" + language
				+ "\",\"firstName\":\"Alex\",\"email\":" + quoted(email) + ",\"mobilePhone\":" + quoted(mobilePhone)
				+ ",\"consent\":{\"email\":" + emailConsent + ",\"sms\":" + smsConsent + "}}");
	}

	@Override
	void handleAuthorized(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String referralId = path.substring(PREFIX.length()).replaceFirst("/contact$", "");
		String contact = this.contacts.get(referralId);
		if (!path.endsWith("/contact") || contact == null) {
			answer(exchange, 404, "application/problem+json", "{\"status\":404,\"title\":\"Introuvable\"}");
			return;
		}
		answer(exchange, 200, "application/json", contact);
	}

	private static String quoted(String value) {
		return (value == null) ? "null" : "\"" + value + "\"";
	}

}

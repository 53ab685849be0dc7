package ca.aiguillage.notification.stubs;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;

/**
 * waitlist-service's predicted-start endpoint as its contract says: 200 with the range
 * and its basis, 404 for an unknown referral, 401 without a valid token and 403 for any
 * caller but the notification-service client; or 503 for a referral whose forecast is
 * down. And its answer-window endpoint: 48 hours, or an organization's own window, or 503
 * for an organization whose window is down.
 */
public final class WaitlistForecastStub extends ServiceEndpointStub {

	private static final String PREFIX = "/api/v1/queue/";

	private static final String WINDOWS = "/api/v1/proposal-answer-windows/";

	private final Map<String, String> windows = new ConcurrentHashMap<>();

	private static final String SUFFIX = "/predicted-start";

	private final Map<String, String> forecasts = new ConcurrentHashMap<>();

	private final Set<String> down = ConcurrentHashMap.newKeySet();

	WaitlistForecastStub() {
		super("/api/v1/");
	}

	/** Gives an organization its own answer window, such as {@code PT72H}. */
	public void answerWindow(String organizationId, String window) {
		this.windows.put(organizationId, window);
	}

	/** Registers when a referral's therapy is likely to start, and why. */
	public void predict(String referralId, String from, String to, String method, int position) {
		this.forecasts.put(referralId,
				"{\"referralId\":\"" + referralId + "\",\"from\":\"" + from + "\",\"to\":\"" + to
						+ "\",\"basis\":{\"method\":\"" + method + "\",\"position\":" + position
						+ ",\"placesPerMonth\":3.5,\"computedAt\":\"2026-11-20T14:03:00Z\"}}");
	}

	/** Answers 503 about that referral (or organization's window), every time. */
	public void outageFor(String referralId) {
		this.down.add(referralId);
	}

	@Override
	void handleAuthorized(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (path.startsWith(WINDOWS)) {
			String organizationId = path.substring(WINDOWS.length());
			if (this.down.contains(organizationId)) {
				answer(exchange, 503, "application/problem+json", "{\"status\":503}");
				return;
			}
			answer(exchange, 200, "application/json", "{\"organizationId\":\"" + organizationId
					+ "\",\"answerWindow\":\"" + this.windows.getOrDefault(organizationId, "PT48H") + "\"}");
			return;
		}
		if (!path.startsWith(PREFIX)) {
			answer(exchange, 404, "application/problem+json", "{\"status\":404}");
			return;
		}
		String referralId = path.substring(PREFIX.length()).replaceFirst(SUFFIX + "$", "");
		if (this.down.contains(referralId)) {
			answer(exchange, 503, "application/problem+json", "{\"status\":503}");
			return;
		}
		String forecast = this.forecasts.get(referralId);
		if (!path.endsWith(SUFFIX) || forecast == null) {
			answer(exchange, 404, "application/problem+json", "{\"status\":404,\"title\":\"Introuvable\"}");
			return;
		}
		answer(exchange, 200, "application/json", forecast);
	}

}

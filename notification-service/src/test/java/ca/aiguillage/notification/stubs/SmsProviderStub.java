package ca.aiguillage.notification.stubs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

/**
 * An SMS provider speaking Twilio's Messages API: HTTP Basic with the account SID and
 * auth token, form-encoded {@code To}, {@code From}, {@code Body}; 201 with a message
 * SID. A number can be made invalid (400, code 21211) or the provider briefly down (503),
 * or it can take a message and answer late. Like Twilio, it takes a message once per
 * {@code I-Twilio-Idempotency-Token} and answers a repeat with the first message's SID.
 */
public final class SmsProviderStub extends LoopbackServer {

	public static final String ACCOUNT = "AC-test";

	public static final String TOKEN = "sms-test-token";

	/**
	 * A text message the provider took.
	 *
	 * @param to the number
	 * @param from the sender
	 * @param body the text
	 */
	public record Sms(String to, String from, String body) {
	}

	private final List<Sms> sent = new CopyOnWriteArrayList<>();

	private final Map<String, Boolean> invalid = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> outages = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final Map<String, AtomicInteger> requestsByNumber = new ConcurrentHashMap<>();

	private final Map<String, Long> lateAnswers = new ConcurrentHashMap<>();

	private final Map<String, String> sidsByIdempotencyToken = new ConcurrentHashMap<>();

	SmsProviderStub() {
		super("/2010-04-01/Accounts/");
	}

	public String url() {
		return baseUrl();
	}

	public void invalidNumber(String number) {
		this.invalid.put(number, true);
	}

	/** The next {@code times} messages to this number get a 503. */
	public void outageFor(String number, int times) {
		this.outages.put(number, new AtomicInteger(times));
	}

	/** Messages to this number are taken at once, and answered after {@code millis}. */
	public void answerLateFor(String number, long millis) {
		this.lateAnswers.put(number, millis);
	}

	public List<Sms> sentTo(String number) {
		return this.sent.stream().filter(sms -> sms.to().equals(number)).toList();
	}

	public int requests() {
		return this.requests.get();
	}

	/** Every request about this number, whatever became of it. */
	public int requestsTo(String number) {
		AtomicInteger count = this.requestsByNumber.get(number);
		return (count != null) ? count.get() : 0;
	}

	@Override
	void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
		if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
				|| !exchange.getRequestURI().getPath().equals("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json")) {
			answer(exchange, 401, "application/json", "{\"code\":20003,\"message\":\"Authenticate\"}");
			return;
		}
		Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String to = form.getOrDefault("To", "");
		this.requestsByNumber.computeIfAbsent(to, number -> new AtomicInteger()).incrementAndGet();
		if (this.invalid.containsKey(to)) {
			answer(exchange, 400, "application/json",
					"{\"code\":21211,\"message\":\"The 'To' number " + to + " is not a valid phone number.\"}");
			return;
		}
		AtomicInteger outage = this.outages.get(to);
		if (outage != null && outage.getAndDecrement() > 0) {
			answer(exchange, 503, "application/json", "{\"code\":20500,\"message\":\"Service unavailable\"}");
			return;
		}
		String token = exchange.getRequestHeaders().getFirst("I-Twilio-Idempotency-Token");
		String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
		String known = (token != null) ? this.sidsByIdempotencyToken.putIfAbsent(token, sid) : null;
		if (known != null) {
			answer(exchange, 201, "application/json", "{\"sid\":\"" + known + "\",\"status\":\"queued\"}");
			return;
		}
		this.sent.add(new Sms(to, form.getOrDefault("From", ""), form.getOrDefault("Body", "")));
		Long late = this.lateAnswers.get(to);
		if (late != null) {
			try {
				// A provider that took the message and answers after the caller gave up.
				Thread.sleep(late);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		answer(exchange, 201, "application/json", "{\"sid\":\"" + sid + "\",\"status\":\"queued\"}");
	}

	static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

}

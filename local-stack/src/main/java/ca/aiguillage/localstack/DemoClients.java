package ca.aiguillage.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo history's clients acting for themselves, as people do with no account: some
 * refer themselves through referral-service's public form (its CSRF token, its rate
 * limits, each from a loopback address of their own, as people come from addresses of
 * their own); those who take text messages read them on the local SMS provider (the
 * messages notification-service really sent, link included) and open the link: they
 * confirm their number when asked, and answer their proposal on the answer page.
 */
final class DemoClients {

	private static final Logger log = LoggerFactory.getLogger(DemoClients.class);

	/** The links the services' messages carry (the answer and confirmation pages). */
	private static final Pattern LINK = Pattern.compile("/r/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

	private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");

	private static final Pattern REFERRAL_ID = Pattern.compile("\"referralId\"\\s*:\\s*\"([^\"]+)\"");

	private final String referralService;

	private final String notificationService;

	private final String smsProvider;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	/** The links a client already used, so that they are not opened again. */
	private final Set<String> used = new LinkedHashSet<>();

	private boolean ownAddresses = true;

	/**
	 * @param referralPort referral-service's port
	 * @param notificationPort notification-service's port (its client links)
	 * @param smsProvider the local SMS provider's base URL
	 */
	DemoClients(int referralPort, int notificationPort, String smsProvider) {
		this.referralService = "http://127.0.0.1:" + referralPort;
		this.notificationService = "http://127.0.0.1:" + notificationPort;
		this.smsProvider = smsProvider;
	}

	/**
	 * A client refers themself through the public form: fetches its CSRF token, then
	 * posts, from a loopback address of the client's own.
	 * @param n the client's number (their address is 127.0.x.y from it)
	 * @param referral the form's content
	 * @return the referral's id, or empty when the form refused it (the answer is logged)
	 */
	Optional<String> selfRefer(int n, String referral) {
		HttpResponse<String> csrf = send(
				HttpRequest.newBuilder(URI.create(this.referralService + "/api/v1/self-referrals/csrf")).GET().build());
		String cookie = csrf.headers().firstValue("Set-Cookie").orElse("").split(";")[0];
		JsonNode token = this.json.readTree(csrf.body());
		byte[] body = referral.getBytes(StandardCharsets.UTF_8);
		String request = "POST /api/v1/self-referrals HTTP/1.1\r\n" + "Host: "
				+ URI.create(this.referralService).getAuthority() + "\r\n" + "Content-Type: application/json\r\n"
				+ "Accept: application/json\r\n" + "Accept-Language: fr-CA\r\n" + "Cookie: " + cookie + "\r\n"
				+ token.get("headerName").asString() + ": " + token.get("token").asString() + "\r\n"
				+ "Content-Length: " + body.length + "\r\n" + "Connection: close\r\n\r\n";
		String answer = postFrom(addressOf(n), request, body);
		Matcher status = STATUS_LINE.matcher(answer);
		Matcher id = REFERRAL_ID.matcher(answer);
		if (status.find() && status.group(1).equals("201") && id.find()) {
			return Optional.of(id.group(1));
		}
		log.warn("The public form refused demo self-referral {}: {}", n,
				status.find(0) ? "HTTP " + status.group(1) : "no answer");
		return Optional.empty();
	}

	/**
	 * The client opens the links of their text messages, newest first: confirms their
	 * number when a page asks, and answers the first open proposal.
	 * @param mobilePhone the client's number, as referred
	 * @param accept whether they take the place (else they decline it)
	 * @return whether a proposal was answered (false: its message has not come yet)
	 */
	boolean answerProposal(String mobilePhone, boolean accept) {
		for (String token : links(mobilePhone)) {
			if (this.used.contains(token)) {
				continue;
			}
			HttpResponse<String> page = send(
					HttpRequest.newBuilder(URI.create(this.notificationService + "/r/" + token)).GET().build());
			if (page.statusCode() != 200) {
				// Used, expired or closed: an older message.
				this.used.add(token);
				continue;
			}
			if (page.body().contains("id=\"confirm\"")) {
				if (submit(token, "confirm=yes")) {
					this.used.add(token);
				}
			}
			else if (page.body().contains("id=\"answer-accept\"")) {
				boolean answered = submit(token, "answer=" + (accept ? "ACCEPT" : "DECLINE"));
				this.used.add(token);
				return answered;
			}
		}
		return false;
	}

	/** The links in the text messages the provider took for this number, newest first. */
	private List<String> links(String mobilePhone) {
		String number = "+" + mobilePhone.replaceAll("[^0-9]", "");
		HttpResponse<String> messages = send(
				HttpRequest.newBuilder(URI.create(this.smsProvider + "/2010-04-01/Accounts/AC-local/Messages.json?To="
						+ URLEncoder.encode(number, StandardCharsets.UTF_8)))
					.GET()
					.build());
		List<String> links = new ArrayList<>();
		if (messages.statusCode() != 200) {
			return links;
		}
		for (JsonNode message : this.json.readTree(messages.body()).path("messages")) {
			Matcher link = LINK.matcher(message.path("body").asString(""));
			while (link.find()) {
				links.add(link.group(1));
			}
		}
		return links;
	}

	private boolean submit(String token, String form) {
		HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(this.notificationService + "/r/" + token))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
		return done.statusCode() == 200 && done.body().contains("id=\"done\"");
	}

	/**
	 * The n-th client's own loopback address: every 127/8 address is this machine's on
	 * Linux. Where only 127.0.0.1 is (macOS), every client shares it and the per-address
	 * limit holds after its first few.
	 */
	private InetAddress addressOf(int n) {
		try {
			return this.ownAddresses
					? InetAddress.getByAddress(new byte[] { 127, 0, (byte) (1 + n / 250 % 250), (byte) (2 + n % 250) })
					: InetAddress.getLoopbackAddress();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An HTTP/1.1 request sent from the address given, and the whole answer. */
	private String postFrom(InetAddress from, String head, byte[] body) {
		URI target = URI.create(this.referralService);
		try (Socket socket = new Socket()) {
			try {
				socket.bind(new InetSocketAddress(from, 0));
			}
			catch (IOException ex) {
				log.warn("No loopback address of their own for the demo clients ({}): they share 127.0.0.1",
						ex.getMessage());
				this.ownAddresses = false;
				return postFrom(InetAddress.getLoopbackAddress(), head, body);
			}
			socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 10_000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A demo client could not reach referral-service", ex);
		}
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A demo client could not reach a service", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("The demo history was interrupted", ex);
		}
	}

}
